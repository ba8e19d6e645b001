using System.CommandLine;
using Retention.Cli.Commands;

var root = new RootCommand("retention: retention analytics for online shops, on Azure Functions or this local host")
{
    ServeCommand.Create(),
    ShopsCommand.Create(),
    SnapshotCommand.Create(),
    ExportCommand.Create(),
    PoisonCommand.Create(),
    StatusCommand.Create(),
    DemoCommand.Create(),
    SpendCommand.Create(),
    AudiencesCommand.Create(),
    ImportCommand.Create(),
    CatalogCommand.Create(),
    CustomersCommand.Create(),
    BenchCommand.Create(),
    ModelCommand.Create(),
};
root.Options.Add(GlobalOptions.Storage);
root.Options.Add(GlobalOptions.Settings);

if (args is [StorageProbe.Word, .. var asked])
{
    Console.WriteLine(StorageProbe.Answer(root.Parse(HelpWord.Expand(asked))));
    return 0;
}

var parse = root.Parse(HelpWord.Expand(args));
if (parse.Errors.Count > 0)
{
    // One readable line, not a page of help: the help is one --help away. An unknown word says more than
    // the "command not provided" that comes with it.
    var error = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
    var path = new List<string>();
    for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        path.Insert(0, result.Command.Name);
    return CommandRunner.Fail(2, $"{error.Message} (see '{string.Join(' ', path)} --help')");
}
return await parse.InvokeAsync();

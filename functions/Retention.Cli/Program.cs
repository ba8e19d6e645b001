using System.CommandLine;
using Retention.Cli.Commands;

var root = new RootCommand("retention: retention analytics for online shops, on Azure Functions or this local host")
{
    ServeCommand.Create(),
    ShopsCommand.Create(),
    SnapshotCommand.Create(),
    DemoCommand.Create(),
};
root.Options.Add(GlobalOptions.Storage);
root.Options.Add(GlobalOptions.Settings);

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // One readable line, not a page of help: the help is one --help away.
    var command = string.Join(' ', parse.CommandResult.Command.Name == root.Name ? [] : new[] { parse.CommandResult.Command.Name });
    return CommandRunner.Fail(2, $"{parse.Errors[0].Message} (see 'retention {command}{(command.Length > 0 ? " " : "")}--help')");
}
return await parse.InvokeAsync();

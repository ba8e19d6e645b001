using System.CommandLine;
using System.Text;
using Retention.Core.Customers;
using Retention.Core.Import;
using Retention.Pipeline;

namespace Retention.Cli.Commands;

/// <summary>
/// <c>retention customers match</c>: guests are known only by the salted hash of their e-mail, so the shop matches them
/// on its own machine. It reads a list of addresses and writes each one's customer key next to it, with only the salt from
/// the settings file: nothing is stored and nothing is sent, and the command declares that it needs no storage.
/// </summary>
public static class CustomersCommand
{
    private const string MatchedSuffix = ".matched.csv";
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Command Create() => new("customers", "A shop's customers on this machine: match guests' salted e-mail hashes to the shop's own addresses")
    {
        Match(),
    };

    private static Command Match()
    {
        var shop = new Option<string>("--shop") { Description = "Shop id (its customer-id salt is read from the settings file)", Required = true };
        var emails = new Option<string>("--emails")
        {
            Description = "The shop's addresses: a CSV with an email (e-mail, email_address) column, or one address a line; UTF-8",
            Required = true,
        };
        var output = new Option<string?>("--out") { Description = $"Where to write the pairs (default: next to --emails, as <name>{MatchedSuffix})" };
        var force = new Option<bool>("--force") { Description = "Overwrite the output file when it exists" };
        var command = new Command("match",
            "Write customer_key,email_hash,email for each address of a local file: the key the nightly datasets and audiences carry for " +
            "a guest. Runs on this machine with the shop's salt from the settings file: nothing stored, nothing sent, no storage needed")
        {
            shop, emails, output, force,
        };
        command.SetAction(StorageNeed.Never, async (parse, context, cancellationToken) =>
        {
            var input = parse.GetValue(emails)!;
            if (Directory.Exists(input)) throw new CliUsageException($"--emails '{input}' is a directory, not a file");
            if (!File.Exists(input)) throw new CliUsageException($"--emails '{input}' does not exist");

            var shopId = parse.GetValue(shop)!;
            var salt = context.Configuration[SettingNames.ShopSetting(shopId, SettingNames.CustomerIdSalt)];
            if (string.IsNullOrEmpty(salt))
                throw new CliUsageException($"shop '{shopId}' has no customer-id salt in {context.SettingsFile.Path} (retention shops add)");

            var target = Path.GetFullPath(parse.GetValue(output) ?? DefaultOutput(input));
            if (string.Equals(target, Path.GetFullPath(input), StringComparison.Ordinal))
                throw new CliUsageException($"--out '{target}' is the --emails file itself: write the pairs elsewhere");
            if (Directory.Exists(target)) throw new CliUsageException($"--out '{target}' is a directory, not a file");
            if (File.Exists(target) && !parse.GetValue(force))
                throw new CliUsageException($"'{target}' exists: --force overwrites it, or --out names another file");
            if (!Directory.Exists(Path.GetDirectoryName(target)))
                throw new CliUsageException($"--out '{target}': its folder does not exist");

            var result = Read(input, salt);
            await WriteAsync(target, result.Rows, cancellationToken);
            Console.WriteLine($"matched {result.Rows.Count} address{(result.Rows.Count == 1 ? "" : "es")} of shop {shopId} " +
                              $"({result.Skipped} skipped: not an e-mail address) -> {target}");
            return 0;
        });
        return command;
    }

    /// <summary><c>list.csv</c> gives <c>list.matched.csv</c> in the same folder.</summary>
    private static string DefaultOutput(string input) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(input))!, Path.GetFileNameWithoutExtension(input) + MatchedSuffix);

    private static GuestEmailMatchResult Read(string path, string salt)
    {
        try
        {
            using var text = new StreamReader(path, Utf8, detectEncodingFromByteOrderMarks: true);
            return GuestEmailMatch.Match(new CsvRecordReader(text).ReadAll(), salt);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"--emails '{path}' {e.Message}", e);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"--emails '{path}' is not UTF-8 text");
        }
    }

    /// <summary>
    /// Written to a temporary file and moved into place, so a failure leaves no half file; readable by the user alone, as
    /// it holds addresses.
    /// </summary>
    private static async Task WriteAsync(string target, IReadOnlyList<GuestEmailRow> rows, CancellationToken cancellationToken)
    {
        var temporary = target + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            await using (var writer = new StreamWriter(temporary, Utf8, options))
            {
                writer.NewLine = "\n";
                await writer.WriteLineAsync(GuestEmailMatch.Header.AsMemory(), cancellationToken);
                foreach (var row in rows) await writer.WriteLineAsync(row.ToCsvLine().AsMemory(), cancellationToken);
            }
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

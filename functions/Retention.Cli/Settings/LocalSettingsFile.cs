using System.Text.Json;
using System.Text.Json.Nodes;

namespace Retention.Cli.Settings;

/// <summary>
/// The local settings file, in the Functions <c>local.settings.json</c> shape (<c>{"Values": {...}}</c>, names
/// spelled as app settings with <c>__</c>). It holds what Azure keeps in app settings and Key Vault: the
/// storage connection and the shops' secrets. Default place: <c>.retention/local.settings.json</c>, git-ignored.
/// </summary>
public sealed class LocalSettingsFile(string path)
{
    public const string DefaultPath = ".retention/local.settings.json";
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public static LocalSettingsFile Resolve(string? option) =>
        new(option ?? Environment.GetEnvironmentVariable("RETENTION_SETTINGS") ?? DefaultPath);

    public IReadOnlyDictionary<string, string> ReadValues()
    {
        if (!File.Exists(Path)) return new Dictionary<string, string>();
        using var stream = File.OpenRead(Path);
        return Parse(stream);
    }

    public static Dictionary<string, string> Parse(Stream stream)
    {
        var root = JsonNode.Parse(stream) as JsonObject ?? throw new InvalidDataException("the settings file is not a JSON object");
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (root["Values"] is JsonObject settings)
            foreach (var (name, value) in settings)
                if (value is not null) values[name] = value.ToString();
        return values;
    }

    /// <summary>Sets values, keeping every other one; written to a temporary file and moved, so a crash never leaves half a file.</summary>
    public void Write(IReadOnlyDictionary<string, string> updates)
    {
        var root = File.Exists(Path) ? JsonNode.Parse(File.ReadAllText(Path)) as JsonObject ?? new JsonObject() : new JsonObject();
        root["IsEncrypted"] ??= false;
        if (root["Values"] is not JsonObject values) root["Values"] = values = new JsonObject();
        foreach (var (name, value) in updates) values[name] = value;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        // Relaxed escaping keeps base64 secrets readable ('+' stays '+'), as people copy them from this file.
        File.WriteAllText(temporary, root.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, Path, overwrite: true);
    }
}

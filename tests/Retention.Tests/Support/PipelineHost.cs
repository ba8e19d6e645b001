using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Retention.Cli.LocalHost;
using Retention.Cli.Settings;
using Retention.Core.Shops;
using Retention.Core.Webhooks;
using Retention.Pipeline.Shops;
using Retention.Pipeline.Storage;

namespace Retention.Tests.Support;

/// <summary>
/// The whole local pipeline for a test class: its own Azurite (in memory, unless an outage test asks for one on disk),
/// the local Functions host on a free 127.0.0.1 port, a temporary settings file for shop secrets, and an HttpClient
/// pointed at Kestrel.
/// </summary>
public sealed class PipelineHost : IAsyncLifetime
{
    /// <summary>The pipeline's services: ingest is Ingest/ and each platform's folder (Shopify/, WooCommerce/).</summary>
    private const string PipelineLogCategory = "Retention.Pipeline";
    private readonly bool _persistentStorage;
    private readonly LogLevel _consoleLogLevel;
    private readonly TimeSpan? _queueLease;
    private readonly IReadOnlyDictionary<string, string>? _settings;
    private readonly TelemetryCapture? _telemetry;
    private string _directory = "";

    /// <summary>The usual fixture: Azurite in memory, the pipeline services' logs recorded, warnings on the console.</summary>
    public PipelineHost() : this(persistentStorage: false, PipelineLogCategory, LogLevel.Warning)
    {
    }

    /// <param name="persistentStorage">Azurite on disk, so a test can stop and restart it and keep what it stored.</param>
    /// <param name="recordedLogCategory">the category prefix <see cref="Logs"/> records.</param>
    /// <param name="consoleLogLevel">the least the host writes to the console (a test of an outage expects thousands of warnings).</param>
    /// <param name="queueLease">the queue listeners' lease (default ten minutes): short, a message whose handler an outage
    /// interrupted comes back within the test.</param>
    /// <remarks>Not public: xunit requires a class fixture to have exactly one public constructor.</remarks>
    /// <param name="settings">app settings written to the settings file before the host starts (short retries, say).</param>
    /// <param name="telemetry">the in-memory exporters the host's traces, metrics and logs (from Debug up) go to; none by default.</param>
    internal PipelineHost(bool persistentStorage, string recordedLogCategory, LogLevel consoleLogLevel, TimeSpan? queueLease = null,
        IReadOnlyDictionary<string, string>? settings = null, TelemetryCapture? telemetry = null)
    {
        _telemetry = telemetry;
        _settings = settings;
        _persistentStorage = persistentStorage;
        _consoleLogLevel = consoleLogLevel;
        _queueLease = queueLease;
        Logs = new RecordedLogs(recordedLogCategory);
    }

    public Azurite Azurite { get; private set; } = null!;
    public LocalFunctionsHost Host { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public LocalSettingsFile Settings { get; private set; } = null!;
    public IConfigurationRoot Configuration { get; private set; } = null!;
    /// <summary>What the host's pipeline services (or the category given) logged, from Information up, for tests of what is logged.</summary>
    public RecordedLogs Logs { get; }

    public T Service<T>() where T : notnull => Host.Services.GetRequiredService<T>();
    public RetentionStorage Storage => Service<RetentionStorage>();

    public async Task InitializeAsync()
    {
        Azurite = _persistentStorage ? await Azurite.StartPersistentAsync() : await Azurite.StartAsync();
        _directory = Directory.CreateTempSubdirectory("retention-test-").FullName;
        Settings = new LocalSettingsFile(Path.Combine(_directory, "local.settings.json"));
        if (_settings is not null) Settings.Write(_settings);
        Configuration = RetentionConfiguration.Build(Settings, Azurite.ConnectionString);
        Host = LocalFunctionsHost.Create(Configuration, new LocalHostOptions(0, RepositoryRoot.HostJson, EnableTimer: false, LogLevel: _consoleLogLevel,
            ConfigureLogging: ConfigureLogging, QueueLease: _queueLease, Telemetry: _telemetry?.Exporters));
        await Host.StartAsync(CancellationToken.None);
        Http = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    private void ConfigureLogging(ILoggingBuilder logging)
    {
        Logs.AddTo(logging);
        if (_telemetry is null) return;
        // Everything from Debug up goes to the captured logs; the console keeps its own level.
        logging.SetMinimumLevel(LogLevel.Debug);
        logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, _consoleLogLevel);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.StopAsync(CancellationToken.None);
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
        (Configuration as IDisposable)?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Registers a shop the way <c>retention shops add</c> does and waits until the host sees its secret.</summary>
    public async Task<ShopCredentials> RegisterShopAsync(string shopId, string timeZone = "Europe/Berlin", string currency = "EUR")
    {
        var registrar = new ShopRegistrar(Service<ShopDirectory>(), Settings, TimeProvider.System);
        var (_, credentials) = await registrar.RegisterAsync(shopId, timeZone, currency, null, CancellationToken.None);
        var store = Service<ShopCredentialStore>();
        for (var i = 0; i < 200 && store.Find(shopId)?.WebhookSecret != credentials.WebhookSecret; i++) await Task.Delay(25);
        Assert.Equal(credentials.WebhookSecret, store.Find(shopId)?.WebhookSecret);
        return credentials;
    }

    /// <summary>Posts a body to the generic webhook route, signed with <paramref name="secret"/> unless headers are overridden.</summary>
    public Task<HttpResponseMessage> PostGenericAsync(string shopId, byte[] body, string? secret, string eventId,
        DateTimeOffset? sentAt = null, Action<HttpRequestMessage>? tamper = null) =>
        PostSignedAsync($"api/webhooks/generic/{shopId}", body, secret, eventId, sentAt, tamper);

    /// <summary>Posts a Standard Webhooks signed body to any route.</summary>
    public Task<HttpResponseMessage> PostSignedAsync(string path, byte[] body, string? secret, string eventId,
        DateTimeOffset? sentAt = null, Action<HttpRequestMessage>? tamper = null)
    {
        var timestamp = (sentAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add(StandardWebhookSignature.IdHeader, eventId);
        request.Headers.Add(StandardWebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        if (secret is not null)
            request.Headers.Add(StandardWebhookSignature.SignatureHeader, StandardWebhookSignature.Sign(secret, eventId, timestamp, body));
        tamper?.Invoke(request);
        return Http.SendAsync(request);
    }

    /// <summary>The key that opens a registered shop's report (<c>?key=</c>).</summary>
    public string ReportKey(string shopId) =>
        Retention.Core.Shops.ReportAccessKey.For(shopId, Service<ShopCredentialStore>().Find(shopId) ?? throw new InvalidOperationException($"{shopId} is not registered"));

    public Task DrainAsync() => Host.WaitForQueuesToDrainAsync(TimeSpan.FromSeconds(60), CancellationToken.None);

    /// <summary>The raw events the shop's archive holds, batched or not, each once.</summary>
    public async Task<int> RawEventCountAsync(string shopId) => (await Service<RawEventCatalog>().ListAsync(shopId, default)).Count;
}

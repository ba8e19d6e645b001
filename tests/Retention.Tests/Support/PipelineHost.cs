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
/// The whole local pipeline for a test class: its own in-memory Azurite, the local Functions host on a free
/// 127.0.0.1 port, a temporary settings file for shop secrets, and an HttpClient pointed at Kestrel.
/// </summary>
public sealed class PipelineHost : IAsyncLifetime
{
    private string _directory = "";
    public Azurite Azurite { get; private set; } = null!;
    public LocalFunctionsHost Host { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public LocalSettingsFile Settings { get; private set; } = null!;
    public IConfigurationRoot Configuration { get; private set; } = null!;
    /// <summary>What the host's ingest services logged, from Information up, for tests of what is logged.</summary>
    public RecordedLogs Logs { get; } = new("Retention.Pipeline.Ingest");

    public T Service<T>() where T : notnull => Host.Services.GetRequiredService<T>();
    public RetentionStorage Storage => Service<RetentionStorage>();

    public async Task InitializeAsync()
    {
        Azurite = await Azurite.StartAsync();
        _directory = Directory.CreateTempSubdirectory("retention-test-").FullName;
        Settings = new LocalSettingsFile(Path.Combine(_directory, "local.settings.json"));
        Configuration = RetentionConfiguration.Build(Settings, Azurite.ConnectionString);
        Host = LocalFunctionsHost.Create(Configuration, new LocalHostOptions(0, RepositoryRoot.HostJson, EnableTimer: false, LogLevel: LogLevel.Warning,
            ConfigureLogging: Logs.AddTo));
        await Host.StartAsync(CancellationToken.None);
        Http = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
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
        request.Headers.Add(StandardWebhookSignature.TimestampHeader, timestamp.ToString());
        if (secret is not null)
            request.Headers.Add(StandardWebhookSignature.SignatureHeader, StandardWebhookSignature.Sign(secret, eventId, timestamp, body));
        tamper?.Invoke(request);
        return Http.SendAsync(request);
    }

    /// <summary>The key that opens a registered shop's report (<c>?key=</c>).</summary>
    public string ReportKey(string shopId) =>
        Retention.Core.Shops.ReportAccessKey.For(shopId, Service<ShopCredentialStore>().Find(shopId) ?? throw new InvalidOperationException($"{shopId} is not registered"));

    public Task DrainAsync() => Host.WaitForQueuesToDrainAsync(TimeSpan.FromSeconds(60), CancellationToken.None);

    public async Task<int> RawEventCountAsync(string shopId)
    {
        var count = 0;
        await foreach (var _ in Storage.RawEvents.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, shopId + "/", default)) count++;
        return count;
    }
}

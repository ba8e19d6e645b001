using Microsoft.Extensions.Logging;
using Retention.Pipeline;
using Retention.Tests.Support;

namespace Retention.Tests.Audiences;

/// <summary>The pipeline with audience deliveries retried after 1 s (doubling) for 20 s, and a webhook receiver beside it.</summary>
public sealed class AudienceDeliveryFixture : IAsyncLifetime
{
    public PipelineHost Pipeline { get; } = new(persistentStorage: false, "Retention.Pipeline", LogLevel.Warning, settings: new Dictionary<string, string>
    {
        [SettingNames.AsAppSetting(SettingNames.AudienceDeliveryFirstRetry)] = "00:00:01",
        [SettingNames.AsAppSetting(SettingNames.AudienceDeliveryRetryFor)] = "00:00:20",
    });

    public WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Pipeline.InitializeAsync();
        Receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Pipeline.DisposeAsync();
    }
}

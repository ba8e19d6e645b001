using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Retention.Pipeline.Storage;

/// <summary>
/// The pipeline's storage account: one client per queue, table and container, built from the
/// <see cref="SettingNames.RetentionStorage"/> setting either as a connection string (Azurite, local) or
/// identity-based (Azure, managed identity), exactly as the Functions queue trigger resolves its Connection.
/// </summary>
public sealed class RetentionStorage
{
    public RetentionStorage(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables)
    {
        Blobs = blobs;
        Queues = queues;
        Tables = tables;
    }

    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }
    public TableServiceClient Tables { get; }

    public BlobContainerClient RawEvents => Blobs.GetBlobContainerClient(StorageNames.RawEventsContainer);
    public BlobContainerClient PrivacyExports => Blobs.GetBlobContainerClient(StorageNames.PrivacyExportsContainer);
    public QueueClient Queue(string name) => Queues.GetQueueClient(name);
    public TableClient Table(string name) => Tables.GetTableClient(name);

    public static RetentionStorage FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration[SettingNames.RetentionStorage];
        if (!string.IsNullOrWhiteSpace(connectionString)) return FromConnectionString(connectionString);

        var section = configuration.GetSection(SettingNames.RetentionStorage);
        var blobUri = section["blobServiceUri"];
        var queueUri = section["queueServiceUri"];
        var tableUri = section["tableServiceUri"];
        if (blobUri is null || queueUri is null || tableUri is null)
            throw new InvalidOperationException(
                $"no storage is configured: set {SettingNames.RetentionStorage} to a connection string, or " +
                $"{SettingNames.RetentionStorage}__blobServiceUri, __queueServiceUri and __tableServiceUri for a managed identity");

        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new RetentionStorage(
            new BlobServiceClient(new Uri(blobUri), credential, Configure(new BlobClientOptions())),
            new QueueServiceClient(new Uri(queueUri), credential, QueueOptions()),
            new TableServiceClient(new Uri(tableUri), credential, Configure(new TableClientOptions())));
    }

    public static RetentionStorage FromConnectionString(string connectionString) => new(
        new BlobServiceClient(connectionString, Configure(new BlobClientOptions())),
        new QueueServiceClient(connectionString, QueueOptions()),
        new TableServiceClient(connectionString, Configure(new TableClientOptions())));

    /// <summary>
    /// Creates every queue, table and container that does not exist yet. Both hosts call it at start (the Functions app
    /// through <c>Hosting/StorageProvisioning</c>); in Azure the Bicep templates create them and the app's identity may not.
    /// </summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in StorageNames.Queues.Concat(StorageNames.PoisonQueues))
            await Queue(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        foreach (var table in StorageNames.Tables)
            await Tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        foreach (var container in StorageNames.Containers)
            await Blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The Functions queue trigger reads Base64 by default; every message we send is Base64 so the same
    /// queue works under both hosts.
    /// </summary>
    private static QueueClientOptions QueueOptions() =>
        Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>
    /// A webhook sender waits for our answer, so an outage must surface in seconds as a 503 that makes it
    /// retry, rather than after the SDK's default minute of retries.
    /// </summary>
    private static T Configure<T>(T options) where T : ClientOptions
    {
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return options;
    }
}

namespace Retention.Pipeline;

/// <summary>
/// Every app setting the pipeline reads. The Functions app, the local host and the Bicep templates use these
/// same names (a colon here is a double underscore in an environment variable or app setting).
/// </summary>
public static class SettingNames
{
    /// <summary>
    /// The pipeline's storage: a connection string locally, or identity-based in Azure through
    /// <c>RetentionStorage__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>,
    /// <c>__credential</c> (managedidentity) and <c>__clientId</c>. Queue triggers name it as their Connection.
    /// </summary>
    public const string RetentionStorage = "RetentionStorage";

    /// <summary>The nightly timer's six-field NCRONTAB expression, in UTC.</summary>
    public const string NightlySnapshotSchedule = "NightlySnapshotSchedule";
    public const string DefaultNightlySnapshotSchedule = "0 0 2 * * *";

    /// <summary>
    /// How failed audience deliveries are retried (<c>docs/audiences.md</c>): the first wait (a TimeSpan, default
    /// <c>00:00:30</c>, doubling to an hour at most) and how long after the first attempt they are tried at all (default
    /// <c>1.02:00:00</c>, 26 hours). Tests shorten both.
    /// </summary>
    public const string AudienceDeliveryFirstRetry = "AudienceDeliveryFirstRetry";
    public const string AudienceDeliveryRetryFor = "AudienceDeliveryRetryFor";

    /// <summary>
    /// How many days a deleted or overwritten blob stays recoverable (the storage account's blob soft delete, infra's
    /// <c>blobSoftDeleteDays</c>, default 7). An erasure is complete everywhere only that long after it ran
    /// (<c>docs/privacy.md</c>). A whole number from 0 (storage without soft delete, such as Azurite) to 365; anything
    /// else stops the hosts at start (<see cref="Privacy.BlobSoftDeleteWindow"/>).
    /// </summary>
    public const string BlobSoftDeleteDays = "BlobSoftDeleteDays";
    public const int DefaultBlobSoftDeleteDays = 7;

    /// <summary>Per shop: <c>Shops:{id}:WebhookSecret</c> and <c>Shops:{id}:CustomerIdSalt</c>.</summary>
    public const string ShopsSection = "Shops";
    public const string WebhookSecret = "WebhookSecret";
    public const string CustomerIdSalt = "CustomerIdSalt";

    /// <summary>
    /// Per shop, optional: <c>Shops:{id}:WooCommerceSecret</c>, the secret its WooCommerce webhooks are signed with. Unset,
    /// they are verified with <see cref="WebhookSecret"/>, as before a store owner could paste a secret of their own.
    /// (The Shopify settings, <c>ShopifyDomain</c>, <c>ShopifySecret</c> and <c>ShopifyPreviousSecret</c>, are named
    /// in <see cref="Shopify.ShopifySettingsStore"/>.)
    /// </summary>
    public const string WooCommerceSecret = "WooCommerceSecret";

    public static string ShopSetting(string shopId, string name) => $"{ShopsSection}:{shopId}:{name}";

    /// <summary>The environment-variable / app-setting spelling of a setting name.</summary>
    public static string AsAppSetting(string name) => name.Replace(":", "__", StringComparison.Ordinal);
}

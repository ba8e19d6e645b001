using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Retention.Pipeline.Privacy;

/// <summary>
/// How long a deleted or overwritten blob of the storage account stays recoverable: the account's blob soft-delete
/// retention (infra's <c>blobSoftDeleteDays</c>), given to the app as <see cref="SettingNames.BlobSoftDeleteDays"/>.
/// An erasure that deleted or rewrote blobs is complete everywhere only this long after its last such write
/// (<c>docs/privacy.md</c>). Table rows have no soft delete: they are gone when deleted.
/// </summary>
/// <param name="Days">0 to 365; 0 for storage without soft delete (Azurite, an account with it switched off).</param>
public sealed record BlobSoftDeleteWindow(int Days)
{
    /// <summary>Azure's largest blob soft-delete retention.</summary>
    public const int MaxDays = 365;

    public static readonly BlobSoftDeleteWindow Default = new(SettingNames.DefaultBlobSoftDeleteDays);

    public TimeSpan Length => TimeSpan.FromDays(Days);

    /// <summary>
    /// The setting, or 7 days when it is not set: an overstated date is only late, an understated one a false promise,
    /// so a missing setting takes the templates' default rather than 0.
    /// </summary>
    /// <exception cref="InvalidOperationException">the setting is not a whole number of days from 0 to 365.</exception>
    public static BlobSoftDeleteWindow FromConfiguration(IConfiguration configuration)
    {
        var value = configuration[SettingNames.BlobSoftDeleteDays];
        if (value is null) return Default;
        if (int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days) && days is >= 0 and <= MaxDays)
            return new BlobSoftDeleteWindow(days);
        throw new InvalidOperationException(
            $"the setting {SettingNames.BlobSoftDeleteDays} is '{value}': it must be a whole number of days from 0 to {MaxDays}, the storage " +
            $"account's blob soft-delete retention (infra parameter blobSoftDeleteDays; 0 for storage without soft delete), " +
            $"or unset for {SettingNames.DefaultBlobSoftDeleteDays}");
    }
}

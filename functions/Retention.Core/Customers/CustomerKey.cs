using System.Security.Cryptography;
using System.Text;

namespace Retention.Core.Customers;

/// <summary>
/// The one customer identity every figure groups by: the platform's own customer id when there is one,
/// otherwise an HMAC-SHA256 of the normalized e-mail keyed with the shop's salt. The salt makes the hash
/// useless for matching the same person across shops, and no raw e-mail is ever stored.
/// </summary>
public static class CustomerKey
{
    private const string PlatformPrefix = CustomerKeyPrefixes.Platform;
    private const string EmailPrefix = CustomerKeyPrefixes.Email;

    public static string FromPlatformId(string customerId) => PlatformPrefix + customerId;

    /// <summary>The key of a guest whose e-mail was hashed before (an archived event): 64 lowercase hex digits.</summary>
    public static string? FromEmailHash(string hash) =>
        hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower) ? EmailPrefix + hash : null;

    /// <summary>The platform's customer id a key names; null for a guest's key.</summary>
    public static string? PlatformIdOf(string key) => key.StartsWith(PlatformPrefix, StringComparison.Ordinal) ? key[PlatformPrefix.Length..] : null;

    /// <summary>The salted e-mail hash a guest's key holds; null for a platform customer's key.</summary>
    public static string? EmailHashOf(string key) => key.StartsWith(EmailPrefix, StringComparison.Ordinal) ? key[EmailPrefix.Length..] : null;

    public static string FromEmail(string email, string salt)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), Encoding.UTF8.GetBytes(normalized));
        return EmailPrefix + Convert.ToHexStringLower(hash);
    }
}

public static class CustomerKeyPrefixes
{
    public const string Platform = "c:";
    public const string Email = "e:";
}

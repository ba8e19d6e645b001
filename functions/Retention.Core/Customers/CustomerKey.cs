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
    private const string PlatformPrefix = "c:";
    private const string EmailPrefix = "e:";

    public static string FromPlatformId(string customerId) => PlatformPrefix + customerId;

    public static string FromEmail(string email, string salt)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), Encoding.UTF8.GetBytes(normalized));
        return EmailPrefix + Convert.ToHexStringLower(hash);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Retention.Core.Privacy;

/// <summary>
/// Names a customer where their key must not appear (blob metadata, the privacy audit): an HMAC-SHA256 of the
/// customer key keyed with the shop's salt. Without the salt it cannot be reversed or matched by guessing ids (a
/// plain hash of <c>c:115310627314723954</c> could be found by trying every id); with it, the pipeline finds every
/// blob of one customer by comparing metadata, without reading a single body.
/// </summary>
public static class CustomerPseudonym
{
    public static string Of(string customerKey, string salt) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), Encoding.UTF8.GetBytes("pseudonym\n" + customerKey)));
}

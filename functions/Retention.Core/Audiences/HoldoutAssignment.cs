using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Retention.Core.Audiences;

/// <summary>
/// Assigns a member to an arm by a keyed hash (<c>docs/audiences.md</c>, "Holdout"): HMAC-SHA256 keyed with the shop's
/// salt over <c>audience \n customer key</c>, its first 8 bytes read as a number u in [0, 2^64), control when
/// u / 2^64 &lt; the control share. Stable across nights (the same customer stays in the same arm of the same audience),
/// independent between audiences, unguessable without the salt, and blind to anything about the customer but the key,
/// so the arms do not differ in value except by chance.
/// </summary>
public sealed class HoldoutAssignment(string salt, decimal controlShare)
{
    public const decimal DefaultControlShare = 0.10m;
    private readonly byte[] _key = Encoding.UTF8.GetBytes(salt);
    private readonly ulong _threshold = Threshold(controlShare);

    public decimal ControlShare { get; } = controlShare;

    public HoldoutArm ArmOf(string audience, string customerKey)
    {
        if (_threshold == 0) return HoldoutArm.Treated;
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(audience + "\n" + customerKey), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash) < _threshold ? HoldoutArm.Control : HoldoutArm.Treated;
    }

    /// <returns>null when <paramref name="share"/> can be a control share: at least 0 and at most 0.5.</returns>
    public static string? ShareProblem(decimal share) =>
        share is < 0m or > 0.5m ? "the control share is a share of each audience, from 0 (no holdout) to 0.5" : null;

    private static ulong Threshold(decimal share)
    {
        if (ShareProblem(share) is { } problem) throw new ArgumentOutOfRangeException(nameof(share), share, problem);
        // share × 2^64 without overflow: share ≤ 0.5, so the product fits.
        return (ulong)(share * 18446744073709551616m);
    }
}

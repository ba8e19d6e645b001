using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Retention.Core.Webhooks;
using Retention.Tests.Support;

namespace Retention.Tests.Core;

public class StandardWebhookSignatureTests
{
    /// <summary>The published Standard Webhooks test vector, read from the team's reference notes rather than copied.</summary>
    private static (string Secret, string Id, string Timestamp, string Body, string Signature) Vector()
    {
        var notes = File.ReadAllText(RepositoryRoot.Shared("reference", "README.md"));
        string Field(string pattern) => Regex.Match(notes, pattern).Groups[1].Value;
        return (Field(@"secret `(whsec_[^`]+)`"), Field(@"webhook-id `([^`]+)`"), Field(@"webhook-timestamp `(\d+)`"),
            Field(@"body `([^`]+)`"), Field(@"webhook-signature `([^`]+)`"));
    }

    private static DateTimeOffset At(string unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(long.Parse(unixSeconds, CultureInfo.InvariantCulture));

    [Fact]
    public void The_published_test_vector_verifies()
    {
        var v = Vector();
        Assert.StartsWith("v1,", v.Signature);
        var result = StandardWebhookSignature.Verify(v.Secret, v.Id, v.Timestamp, v.Signature, Encoding.UTF8.GetBytes(v.Body), At(v.Timestamp));
        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(v.Signature, StandardWebhookSignature.Sign(v.Secret, v.Id, long.Parse(v.Timestamp, CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(v.Body)));
    }

    [Fact]
    public void A_changed_body_id_or_timestamp_does_not_verify()
    {
        var v = Vector();
        var body = Encoding.UTF8.GetBytes(v.Body);
        var now = At(v.Timestamp);
        Assert.Equal(WebhookVerificationFailure.BadSignature,
            StandardWebhookSignature.Verify(v.Secret, v.Id, v.Timestamp, v.Signature, Encoding.UTF8.GetBytes(v.Body + " "), now).Failure);
        Assert.Equal(WebhookVerificationFailure.BadSignature,
            StandardWebhookSignature.Verify(v.Secret, v.Id + "x", v.Timestamp, v.Signature, body, now).Failure);
        var later = (long.Parse(v.Timestamp, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(WebhookVerificationFailure.BadSignature,
            StandardWebhookSignature.Verify(v.Secret, v.Id, later, v.Signature, body, now).Failure);
        Assert.Equal(WebhookVerificationFailure.BadSignature,
            StandardWebhookSignature.Verify("whsec_" + Convert.ToBase64String(new byte[24]), v.Id, v.Timestamp, v.Signature, body, now).Failure);
    }

    [Theory]
    [InlineData(-301, WebhookVerificationFailure.StaleTimestamp)]
    [InlineData(301, WebhookVerificationFailure.StaleTimestamp)]
    [InlineData(-299, WebhookVerificationFailure.None)]
    [InlineData(299, WebhookVerificationFailure.None)]
    public void Timestamps_are_accepted_within_five_minutes_either_way(int secondsFromNow, WebhookVerificationFailure expected)
    {
        var v = Vector();
        var now = At(v.Timestamp).AddSeconds(-secondsFromNow);
        Assert.Equal(expected, StandardWebhookSignature.Verify(v.Secret, v.Id, v.Timestamp, v.Signature, Encoding.UTF8.GetBytes(v.Body), now).Failure);
    }

    [Fact]
    public void Any_one_of_several_signatures_may_match_and_unknown_versions_are_ignored()
    {
        var v = Vector();
        var body = Encoding.UTF8.GetBytes(v.Body);
        var signature = v.Signature[3..];
        Assert.True(StandardWebhookSignature.Verify(v.Secret, v.Id, v.Timestamp, $"v1,AAAA v1,{signature}", body, At(v.Timestamp)).IsValid);
        Assert.False(StandardWebhookSignature.Verify(v.Secret, v.Id, v.Timestamp, $"v2,{signature}", body, At(v.Timestamp)).IsValid);
        Assert.False(StandardWebhookSignature.Verify(v.Secret, v.Id, v.Timestamp, "v1,not base64!", body, At(v.Timestamp)).IsValid);
    }

    [Theory]
    [InlineData(null, "1614265330", "v1,x", WebhookVerificationFailure.MissingHeaders)]
    [InlineData("msg_1", null, "v1,x", WebhookVerificationFailure.MissingHeaders)]
    [InlineData("msg_1", "1614265330", null, WebhookVerificationFailure.MissingHeaders)]
    [InlineData("msg_1", "16142653.30", "v1,x", WebhookVerificationFailure.BadTimestamp)]
    [InlineData("msg_1", "-5", "v1,x", WebhookVerificationFailure.BadTimestamp)]
    [InlineData("msg_1", "99999999999999999999", "v1,x", WebhookVerificationFailure.BadTimestamp)]
    public void Missing_or_malformed_headers_are_refused(string? id, string? timestamp, string? signature, WebhookVerificationFailure expected)
    {
        var v = Vector();
        Assert.Equal(expected, StandardWebhookSignature.Verify(v.Secret, id, timestamp, signature, "{}"u8, At(v.Timestamp)).Failure);
    }
}

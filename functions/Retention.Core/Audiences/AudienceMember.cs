namespace Retention.Core.Audiences;

/// <summary>
/// A customer in (or, on <see cref="AudienceNight"/>'s leavers, just out of) an audience, with their arm and the night's
/// figures that put them there. <see cref="Customer"/> is null for a leaver the night no longer knows (an erased customer).
/// </summary>
/// <param name="EnteredOn">the day this stay in the audience began.</param>
public sealed record AudienceMember(string Audience, string CustomerKey, HoldoutArm Arm, DateOnly EnteredOn, AudienceCustomer? Customer);

using FsCheck;
using FsCheck.Fluent;
using Retention.Tests.Support;

namespace Retention.Tests.Hostile;

/// <summary>
/// Properties over real HTTP into Azurite, one run per POST route: random bytes, random JSON tokens and random
/// mutations of the route's valid body, each signed correctly so that the parser and the readers behind it meet it,
/// never the signature check. Every input is answered 400 with a problem naming a field, or, when it happens to be a
/// valid event, as valid events are (202, or 200 for spend): never a 5xx and never a dropped connection. A refused
/// input stores nothing; an accepted one stores exactly its raw event (or spend row) and is processed without being
/// poisoned. Bounded to 150 inputs per route, a few seconds each.
/// </summary>
public class HostileInputPropertyTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    /// <summary>150 in CI; HOSTILE_INPUTS=5000 for a longer hunt on a developer's machine.</summary>
    private static readonly int InputsPerRoute = int.TryParse(Environment.GetEnvironmentVariable("HOSTILE_INPUTS"), out var n) ? n : 150;
    private int _delivery;

    [Theory]
    [MemberData(nameof(SignedRoute.Names), MemberType = typeof(SignedRoute))]
    public async Task Any_signed_input_is_answered_400_or_accepted_and_stores_nothing_when_refused(string routeName)
    {
        var route = SignedRoute.Named(routeName);
        var shop = await HostileShop.RegisterAsync(pipeline, "prop-" + route.Name);
        var accepted = 0;

        var property = Prop.ForAll(Arb.From(HostileInputs.Anything(route)), input =>
        {
            // FsCheck runs properties synchronously; Task.Run keeps the awaits off xunit's synchronization context.
            var (answer, stored) = Task.Run(() => SendAsync(route, shop, input)).GetAwaiter().GetResult();
            if (answer.Status == route.AcceptedStatus) Interlocked.Increment(ref accepted);
            return answer.Status == route.AcceptedStatus
                ? stored == 1
                : answer is { Status: 400, IsProblem: true, Field.Length: > 0 } && stored == 0;
        });
        // Off the test's thread: the property blocks while each request runs.
        await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(InputsPerRoute).WithName(route.Name), property));

        await pipeline.DrainAsync();
        Assert.Equal(0, await ShopFootprint.PoisonedAsync(pipeline));
        Assert.Equal(accepted, await ShopFootprint.RequestWritesAsync(pipeline, shop.Id));
    }

    /// <returns>the answer, and how many blobs or rows the request itself stored for the shop.</returns>
    private async Task<(HostileAnswer Answer, int Stored)> SendAsync(SignedRoute route, HostileShop shop, HostileInput input)
    {
        var before = await ShopFootprint.RequestWritesAsync(pipeline, shop.Id);
        using var response = await pipeline.Http.SendAsync(route.Request(shop, input.Body, "prop-" + Interlocked.Increment(ref _delivery)));
        var answer = await HostileAnswer.ReadAsync(response);
        return (answer, await ShopFootprint.RequestWritesAsync(pipeline, shop.Id) - before);
    }
}

using Retention.Tests.Support;

namespace Retention.Tests.Hostile;

/// <summary>
/// The corpus of hostile bodies (<see cref="HostileBodies"/>) sent to every POST route over real HTTP, each one signed
/// correctly so that the parser, not the signature check, meets it: never a 5xx, a 400 problem document naming the
/// field for every damaged body (202/200 only where the damage leaves a valid event), and nothing stored for a refusal.
/// </summary>
public class HostileBodyTests(PipelineHost pipeline) : IClassFixture<PipelineHost>
{
    [Theory]
    [MemberData(nameof(SignedRoute.Names), MemberType = typeof(SignedRoute))]
    public async Task Every_hostile_body_is_refused_with_400_naming_the_field_and_stores_nothing(string routeName)
    {
        var route = SignedRoute.Named(routeName);
        var shop = await HostileShop.RegisterAsync(pipeline, "body-" + route.Name);
        var failures = new List<string>();
        var accepted = 0;
        var corpus = HostileBodies.For(route).ToList();

        for (var i = 0; i < corpus.Count; i++)
        {
            var @case = corpus[i];
            var before = await ShopFootprint.RequestWritesAsync(pipeline, shop.Id);
            HostileAnswer answer;
            using (var response = await pipeline.Http.SendAsync(route.Request(shop, @case.Body, $"body-{i}")))
                answer = await HostileAnswer.ReadAsync(response);
            var after = await ShopFootprint.RequestWritesAsync(pipeline, shop.Id);

            if (@case.Accepted)
            {
                accepted++;
                if (answer.Status != route.AcceptedStatus) failures.Add($"{@case}: expected {route.AcceptedStatus}, got {answer}");
            }
            else if (answer.Status != 400 || !answer.IsProblem)
                failures.Add($"{@case}: expected a 400 problem document, got {answer}");
            else if (@case.Field is { } field && answer.Field != field)
                failures.Add($"{@case}: expected the field '{field}', got {answer}");
            else if (after != before)
                failures.Add($"{@case}: refused, yet {after - before} blob(s) or row(s) were stored");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {corpus.Count} cases on {route}:\n" + string.Join("\n", failures));
        // Whatever was accepted is processed without failing, and only the accepted deliveries were stored.
        await pipeline.DrainAsync();
        Assert.Equal(0, await ShopFootprint.PoisonedAsync(pipeline));
        Assert.Equal(accepted, await ShopFootprint.RequestWritesAsync(pipeline, shop.Id));
    }
}

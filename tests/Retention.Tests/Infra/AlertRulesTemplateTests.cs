using Retention.Pipeline.Telemetry;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Retention.Tests.Support;

namespace Retention.Tests.Infra;

/// <summary>
/// What wakes the on-call engineer, in the compiled template (infra/validate.sh, as <see cref="InfraTemplateTests"/>):
/// the action group and its receivers, the five alert rules (the four log search rules over Application Insights'
/// customMetrics and the storage availability metric alert), each on the right resource, notifying the group and
/// asking for the pipeline's own metric names; and the workbook that shows every metric per shop.
/// </summary>
public sealed class AlertRulesTemplateTests(CompiledInfraTemplate template) : IClassFixture<CompiledInfraTemplate>
{
    private const string ScheduledQueryRules = "Microsoft.Insights/scheduledQueryRules";
    private const string Components = "Microsoft.Insights/components";
    private const string StorageAccounts = "Microsoft.Storage/storageAccounts";
    private const string ActionGroups = "Microsoft.Insights/actionGroups";

    [Fact]
    public void Action_group_e_mails_every_address_of_the_alertEmails_parameter_and_exists_with_none()
    {
        var (scope, group) = template.SingleResource(ActionGroups);
        var properties = group.Obj("properties");
        Assert.True(Literal<bool>(properties["enabled"]), "the action group must be enabled");
        Assert.InRange(Literal<string>(properties["groupShortName"]).Length, 1, 12);
        Assert.True(properties["emailReceivers"] is null, "emailReceivers must be made from the parameter, not listed");

        // One receiver per element of the parameter: a copy loop over it whose receiver's address is that element.
        var loop = Assert.Single(properties["copy"]!.AsArray(), c => Literal<string>(c!["name"]) == "emailReceivers")!;
        var count = Regex.Match(Text(loop["count"]), @"^\[length\((parameters\('\w+'\))\)\]$");
        Assert.True(count.Success, $"the receivers must be as many as the parameter's elements, found count {loop["count"]}");
        Assert.Equal($"[{count.Groups[1].Value}[copyIndex('emailReceivers')]]", Text(loop.Obj("input")["emailAddress"]));
        Assert.Equal("alertEmails", ParameterOfMain(template.Trace(scope, JsonValue.Create($"[{count.Groups[1].Value}]")), "the e-mail receivers"));

        var alertEmails = template.Root.Template.Obj("parameters").Obj("alertEmails");
        Assert.Equal("array", Literal<string>(alertEmails["type"]));
        Assert.Empty(alertEmails["defaultValue"]!.AsArray());
        Assert.Equal("string", Literal<string>(alertEmails.Obj("items")["type"]));
    }

    [Fact]
    public void Poison_messages_alert_fires_on_any_poisoned_message_per_queue()
    {
        var (scope, rule) = LogAlertOn(RetentionMetrics.QueuePoisoned);
        var condition = SingleCondition(rule);
        Assert.Equal("GreaterThan", Literal<string>(condition["operator"]));
        Assert.Equal(0, Literal<int>(condition["threshold"]));
        Assert.Contains("sum(valueSum)", string.Join("\n", QueryText(scope, condition)));
        Assert.Equal("queue", Assert.Single(Dimensions(condition)));
    }

    [Fact]
    public void Night_alert_names_each_shop_without_a_completed_night_today_after_the_deadline_hour_or_whose_night_failed()
    {
        var (scope, rule) = LogAlertOn(RetentionMetrics.NightRuns);
        var condition = SingleCondition(rule);
        var query = string.Join("\n", QueryText(scope, condition));
        foreach (var part in new[]
                 {
                     "outcome == \"completed\"", "outcome == \"failed\"", "startofday(now())", "hourofday(now()) >= deadlineHour",
                     "tostring(customDimensions.shop)", "let deadlineHour = {0};",
                 })
            Assert.Contains(part, query);
        Assert.Contains("nightDeadlineHourUtc", ParametersOfMainIn(scope, Text(condition["query"])));
        AssertIntParameter("nightDeadlineHourUtc", 6, 0, 23);

        // Any row is a shop in trouble, one alert per shop. Two days is all a log search alert reads: the query asks no more.
        Assert.Equal("Count", Literal<string>(condition["timeAggregation"]));
        Assert.Equal("GreaterThan", Literal<string>(condition["operator"]));
        Assert.Equal(0, Literal<int>(condition["threshold"]));
        Assert.Equal("shop", Assert.Single(Dimensions(condition)));
        Assert.Equal("P2D", Literal<string>(rule.Obj("properties")["overrideQueryTimeRange"]));
        Assert.Contains("ago(2d)", query);
    }

    [Fact]
    public void Webhook_alert_fires_on_a_platforms_share_of_5xx_answers_above_the_parameter_with_enough_deliveries()
    {
        var (scope, rule) = LogAlertOn(RetentionMetrics.WebhookDeliveries);
        var condition = SingleCondition(rule);
        var query = string.Join("\n", QueryText(scope, condition));
        Assert.Contains("outcome == \"failed\"", query);
        Assert.Contains("deliveries >= minimumDeliveries", query);
        Assert.Contains("webhookFailedAlertMinimumDeliveries", ParametersOfMainIn(scope, Text(condition["query"])));
        AssertIntParameter("webhookFailedAlertMinimumDeliveries", 10, 1, null);

        Assert.Equal("failedPercent", Literal<string>(condition["metricMeasureColumn"]));
        Assert.Equal("GreaterThan", Literal<string>(condition["operator"]));
        Assert.Equal("webhookFailedAlertPercent", ParameterOfMain(template.Trace(scope, condition["threshold"]), "the webhook alert's threshold"));
        AssertIntParameter("webhookFailedAlertPercent", 5, 1, 100);
        Assert.Equal("platform", Assert.Single(Dimensions(condition)));
    }

    [Fact]
    public void Processing_lag_alert_fires_when_the_longest_wait_of_a_queue_exceeds_the_parameter()
    {
        var (scope, rule) = LogAlertOn(RetentionMetrics.QueueLag);
        var condition = SingleCondition(rule);
        Assert.Contains("max(valueMax)", string.Join("\n", QueryText(scope, condition)));
        Assert.Equal("lagSeconds", Literal<string>(condition["metricMeasureColumn"]));
        Assert.Equal("GreaterThan", Literal<string>(condition["operator"]));
        Assert.Equal("processingLagAlertSeconds", ParameterOfMain(template.Trace(scope, condition["threshold"]), "the lag alert's threshold"));
        AssertIntParameter("processingLagAlertSeconds", 300, 1, null);
        Assert.Equal("queue", Assert.Single(Dimensions(condition)));
    }

    [Fact]
    public void Storage_availability_alert_watches_the_pipelines_account_below_the_parameter()
    {
        var (scope, alert) = template.SingleResource("Microsoft.Insights/metricAlerts");
        var properties = alert.Obj("properties");
        Assert.True(Literal<bool>(properties["enabled"]), "the storage alert must be enabled");
        AssertScopeIs(scope, properties, StorageAccounts);
        Assert.Same(ActionGroup(), template.ResourceReferencedBy(scope, Text(Assert.Single(properties["actions"]!.AsArray())!["actionGroupId"]), ActionGroups));

        var criterion = Assert.Single(properties.Obj("criteria")["allOf"]!.AsArray())!.AsObject();
        Assert.Equal(StorageAccounts, Literal<string>(criterion["metricNamespace"]));
        Assert.Equal("Availability", Literal<string>(criterion["metricName"]));
        Assert.Equal("LessThan", Literal<string>(criterion["operator"]));
        var threshold = Regex.Match(Text(criterion["threshold"]), @"^\[json\((parameters\('\w+'\))\)\]$");
        Assert.True(threshold.Success, $"the threshold must be a parameter read as a number, found {criterion["threshold"]}");
        var parameter = ParameterOfMain(template.Trace(scope, JsonValue.Create($"[{threshold.Groups[1].Value}]")), "the storage alert's threshold");
        Assert.Equal("storageAvailabilityAlertPercent", parameter);
        Assert.Equal("99.9", Literal<string>(template.Root.Template.Obj("parameters").Obj(parameter)["defaultValue"]));
    }

    [Fact]
    public void There_are_four_log_search_alert_rules_and_each_is_on_application_insights_and_notifies_the_action_group()
    {
        var rules = template.Resources(ScheduledQueryRules).ToList();
        Assert.Equal(4, rules.Count);
        foreach (var (scope, rule) in rules)
        {
            var properties = rule.Obj("properties");
            Assert.Equal("LogAlert", Literal<string>(rule["kind"]));
            Assert.True(Literal<bool>(properties["enabled"]), $"{rule["name"]} must be enabled");
            AssertScopeIs(scope, properties, Components);
            var group = Assert.Single(properties.Obj("actions")["actionGroups"]!.AsArray());
            Assert.Same(ActionGroup(), template.ResourceReferencedBy(scope, Text(group), ActionGroups));
        }
    }

    [Fact]
    public void Workbook_is_shared_under_application_insights_and_shows_every_metric_with_a_shop_dropdown()
    {
        var (scope, workbook) = template.SingleResource("Microsoft.Insights/workbooks");
        Assert.Equal("shared", Literal<string>(workbook["kind"]));
        var properties = workbook.Obj("properties");
        Assert.Equal("workbook", Literal<string>(properties["category"]));
        var sourceId = new JsonObject { ["scopes"] = new JsonArray(properties["sourceId"]!.DeepClone()) };
        AssertScopeIs(scope, sourceId, Components);

        var content = string.Join("\n", Strings(scope, properties["serializedData"]));
        Assert.Contains("'Notebook/1.0'", content);
        foreach (var metric in RetentionMetrics.All)
            Assert.True(content.Contains($"\"{metric}\"", StringComparison.Ordinal), $"the workbook does not show {metric}");

        // The shop dropdown: a parameter named Shop of type 2 (drop-down), filled from the metrics' shop dimension,
        // and the queries filter on it.
        var shop = Assert.Single(Nodes(scope, properties["serializedData"]).OfType<JsonObject>(),
            o => o["name"] is JsonValue n && n.TryGetValue<string>(out var text) && text == "Shop");
        Assert.Equal(2, Literal<int>(shop["type"]));
        Assert.Contains("tostring(customDimensions.shop)", Text(shop["query"]));
        Assert.Contains("shop in ({Shop})", content);

        // The runbook sends the on-call engineer to the workbook by the name the portal lists.
        var name = template.Trace(scope, properties["displayName"]);
        var displayName = Literal<string>(name.Node);
        var runbook = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "operations.md"));
        Assert.Contains($"**{displayName}**", runbook);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private JsonObject ActionGroup() => template.SingleResource(ActionGroups).Resource;

    /// <summary>The one log search alert rule whose query names the metric (as a KQL string literal).</summary>
    private (TemplateScope Scope, JsonObject Rule) LogAlertOn(string metric)
    {
        var matches = template.Resources(ScheduledQueryRules)
            .Where(r => r.Resource.Obj("properties").Obj("criteria")["allOf"]!.AsArray()
                .Any(c => QueryText(r.Scope, c!.AsObject()).Any(q => q.Contains($"name == \"{metric}\"", StringComparison.Ordinal))))
            .ToList();
        Assert.True(matches.Count == 1, $"expected one log search alert rule on {metric}, found {matches.Count}");
        return matches[0];
    }

    private static JsonObject SingleCondition(JsonObject rule) =>
        Assert.Single(rule.Obj("properties").Obj("criteria")["allOf"]!.AsArray())!.AsObject();

    private static List<string> QueryText(TemplateScope scope, JsonObject condition) => Strings(scope, condition["query"]);

    private static List<string> Dimensions(JsonObject condition) =>
        [.. (condition["dimensions"]?.AsArray() ?? []).Select(d =>
        {
            Assert.Equal("Include", Literal<string>(d!["operator"]));
            Assert.Equal("*", Literal<string>(Assert.Single(d["values"]!.AsArray())));
            return Literal<string>(d["name"]);
        })];

    /// <summary>The one scope in <c>properties.scopes</c> is resourceId(type, name) of the resource of that type the template deploys.</summary>
    private void AssertScopeIs(TemplateScope scope, JsonObject properties, string type)
    {
        var id = Text(Assert.Single(properties["scopes"]!.AsArray()));
        var name = Regex.Match(id, $@"^\[resourceId\('{Regex.Escape(type)}', (.+)\)\]$");
        Assert.True(name.Success, $"expected resourceId('{type}', ...), found {id}");
        var (targetScope, target) = template.SingleResource(type);
        var expected = template.Trace(targetScope, target["name"]);
        var actual = template.Trace(scope, JsonValue.Create($"[{name.Groups[1].Value}]"));
        Assert.True(expected.Text == actual.Text && expected.Scope == actual.Scope,
            $"the scope is {type} {actual.Text}, but the template deploys {expected.Text}");
    }

    /// <summary>The parameter of main.bicep a traced value is, or a failure naming <paramref name="what"/>.</summary>
    private string ParameterOfMain(Traced traced, string what)
    {
        var match = Regex.Match(traced.Text, @"^\[parameters\('(\w+)'\)\]$");
        Assert.True(match.Success && traced.Scope == template.Root, $"{what} must come from a parameter of main.bicep, found {traced.Text}");
        return match.Groups[1].Value;
    }

    /// <summary>The parameters of main.bicep that an expression's parameters(...) come from.</summary>
    private List<string> ParametersOfMainIn(TemplateScope scope, string expression) =>
        [.. Regex.Matches(expression, @"parameters\('\w+'\)")
            .Select(m => ParameterOfMain(template.Trace(scope, JsonValue.Create($"[{m.Value}]")), m.Value))];

    private void AssertIntParameter(string name, int defaultValue, int? minimum, int? maximum)
    {
        var parameter = template.Root.Template.Obj("parameters").Obj(name);
        Assert.Equal("int", Literal<string>(parameter["type"]));
        Assert.Equal(defaultValue, Literal<int>(parameter["defaultValue"]));
        Assert.Equal(minimum, parameter["minValue"]?.GetValue<int>());
        Assert.Equal(maximum, parameter["maxValue"]?.GetValue<int>());
    }

    /// <summary>
    /// Every string in a value, with the variables its expressions use expanded in place: an alert's query or a
    /// workbook's serializedData, as text to search.
    /// </summary>
    private static List<string> Strings(TemplateScope scope, JsonNode? node) =>
        [.. Nodes(scope, node).OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var text) ? text : null).OfType<string>()];

    /// <summary>Every node of a value, and of the variables its expressions use, depth first.</summary>
    private static List<JsonNode> Nodes(TemplateScope scope, JsonNode? node)
    {
        var found = new List<JsonNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Walk(JsonNode? value)
        {
            if (value is null) return;
            found.Add(value);
            switch (value)
            {
                case JsonObject obj:
                    foreach (var (_, child) in obj) Walk(child);
                    break;
                case JsonArray list:
                    foreach (var child in list) Walk(child);
                    break;
                case JsonValue leaf when leaf.TryGetValue<string>(out var text) && text.StartsWith('['):
                    foreach (Match variable in Regex.Matches(text, @"variables\('(\w+)'\)"))
                        if (seen.Add(variable.Groups[1].Value))
                            Walk(scope.Template["variables"]?[variable.Groups[1].Value]);
                    break;
            }
        }

        Walk(node);
        return found;
    }

    private static T Literal<T>(JsonNode? node)
    {
        Assert.NotNull(node);
        Assert.True(node.AsValue().TryGetValue<T>(out var result), $"expected a literal {typeof(T).Name}, found {node.ToJsonString()}");
        if (result is string text) Assert.False(text.StartsWith('['), $"expected a literal, found the expression {text}");
        return result;
    }

    private static string Text(JsonNode? node)
    {
        string? text = null;
        Assert.True(node is JsonValue value && value.TryGetValue(out text), $"expected a string, found {node?.ToJsonString() ?? "nothing"}");
        return text!;
    }
}

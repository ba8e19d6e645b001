using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Retention.Pipeline;
using Retention.Pipeline.Http;
using Retention.Pipeline.Storage;
using Retention.Tests.Support;

namespace Retention.Tests.Infra;

/// <summary>
/// The Bicep templates under infra/ against the code: runs infra/validate.sh (which restores the Bicep CLI from
/// NuGet, builds and lints offline) into a fresh file, then reads the compiled ARM template. Every queue, table,
/// container and app setting name is taken from <see cref="StorageNames"/> and <see cref="SettingNames"/>, never
/// re-typed, so the template and the code cannot drift apart unnoticed.
/// </summary>
public sealed class InfraTemplateTests(CompiledInfraTemplate template) : IClassFixture<CompiledInfraTemplate>
{
    // Built-in Azure role definitions: the same GUIDs in every subscription.
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    /// <summary>The five settings of an identity-based connection named <c>prefix</c> (<c>prefix__credential</c> ...).</summary>
    private static readonly string[] IdentityConnectionSuffixes =
        ["credential", "clientId", "blobServiceUri", "queueServiceUri", "tableServiceUri"];

    private static readonly string[] ConnectionsOfTheApp = ["AzureWebJobsStorage", SettingNames.RetentionStorage];

    [Fact]
    public void Validate_script_builds_and_lints_without_a_warning()
    {
        Assert.True(template.ExitCode == 0, $"infra/validate.sh exited with {template.ExitCode}:\n{template.Output}");
        Assert.DoesNotMatch(new Regex("warning|error", RegexOptions.IgnoreCase), template.Output);
        Assert.Contains("builds and lints clean", template.Output);
    }

    [Fact]
    public void Storage_account_takes_identities_only_over_https_and_tls_1_2_with_no_public_blobs()
    {
        var (_, account) = template.SingleResource("Microsoft.Storage/storageAccounts");
        var properties = account.Obj("properties");
        Assert.False(Literal<bool>(properties["allowSharedKeyAccess"]), "allowSharedKeyAccess must be false");
        Assert.True(Literal<bool>(properties["supportsHttpsTrafficOnly"]), "supportsHttpsTrafficOnly must be true");
        Assert.Equal("TLS1_2", Literal<string>(properties["minimumTlsVersion"]));
        Assert.False(Literal<bool>(properties["allowBlobPublicAccess"]), "allowBlobPublicAccess must be false");
    }

    [Fact]
    public void Every_queue_of_the_code_and_its_poison_queue_is_provisioned_and_nothing_else()
    {
        Assert.Equal(
            StorageNames.Queues.Concat(StorageNames.PoisonQueues).Order(StringComparer.Ordinal),
            ProvisionedNames("Microsoft.Storage/storageAccounts/queueServices/queues").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_table_of_the_code_is_provisioned_and_nothing_else()
    {
        Assert.Equal(
            StorageNames.Tables.Order(StringComparer.Ordinal),
            ProvisionedNames("Microsoft.Storage/storageAccounts/tableServices/tables").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_container_of_the_code_the_exports_container_and_the_deployment_container_are_provisioned()
    {
        var provisioned = ProvisionedNames("Microsoft.Storage/storageAccounts/blobServices/containers");
        var expected = StorageNames.Containers.Append(ExportsContainer()).Append(DeploymentContainer()).Distinct();
        Assert.Equal(expected.Order(StringComparer.Ordinal), provisioned.Order(StringComparer.Ordinal));
        Assert.All(template.Resources("Microsoft.Storage/storageAccounts/blobServices/containers"),
            c => Assert.Equal("None", Literal<string>(c.Resource.Obj("properties")["publicAccess"])));
    }

    [Fact]
    public void Function_app_runs_dotnet_isolated_10_on_flex_consumption_as_the_user_assigned_identity()
    {
        var (scope, app) = template.SingleResource("Microsoft.Web/sites");
        var kind = Literal<string>(app["kind"]);
        Assert.Contains("functionapp", kind);
        Assert.Contains("linux", kind);
        Assert.True(Literal<bool>(app.Obj("properties")["httpsOnly"]));

        var plan = template.ResourceReferencedBy(scope, Text(app.Obj("properties")["serverFarmId"]), "Microsoft.Web/serverfarms");
        Assert.Equal("FC1", Literal<string>(plan.Obj("sku")["name"]));
        Assert.Equal("FlexConsumption", Literal<string>(plan.Obj("sku")["tier"]));

        var config = app.Obj("properties").Obj("functionAppConfig");
        Assert.Equal("dotnet-isolated", Literal<string>(config.Obj("runtime")["name"]));
        Assert.Equal("10.0", Literal<string>(config.Obj("runtime")["version"]));

        var maximum = template.Trace(scope, config.Obj("scaleAndConcurrency")["maximumInstanceCount"]);
        Assert.Equal("[parameters('maximumInstanceCount')]", maximum.Text);
        Assert.Same(template.Root, maximum.Scope);
        Assert.Equal("int", Literal<string>(template.Root.Template.Obj("parameters").Obj("maximumInstanceCount")["type"]));

        Assert.Equal("UserAssigned", Literal<string>(app.Obj("identity")["type"]));
        var identities = app.Obj("identity").Obj("userAssignedIdentities");
        var appIdentity = Assert.Single(identities).Key;
        var identity = AppIdentity();
        Assert.Same(identity, template.UserAssignedIdentity(template.Trace(scope, JsonValue.Create(appIdentity))));
        Assert.Same(identity, template.UserAssignedIdentity(template.Trace(scope, app.Obj("properties")["keyVaultReferenceIdentity"])));

        var storage = config.Obj("deployment").Obj("storage");
        Assert.Equal("blobContainer", Literal<string>(storage["type"]));
        Assert.Equal("UserAssignedIdentity", Literal<string>(storage.Obj("authentication")["type"]));
        Assert.Same(identity, template.UserAssignedIdentity(template.Trace(scope, storage.Obj("authentication")["userAssignedIdentityResourceId"])));
    }

    [Fact]
    public void Both_storage_connections_are_identity_based_with_the_apps_identity()
    {
        var settings = AppSettings();
        var identity = AppIdentity();
        foreach (var connection in ConnectionsOfTheApp)
        {
            Assert.False(settings.Literal.ContainsKey(connection), $"{connection} must not be set: it would be a connection string");
            foreach (var suffix in IdentityConnectionSuffixes)
                Assert.True(settings.Literal.ContainsKey($"{connection}__{suffix}"), $"app setting {connection}__{suffix} is missing");

            Assert.Equal("managedidentity", settings.Literal[$"{connection}__credential"].Text);
            var clientId = settings.Literal[$"{connection}__clientId"];
            Assert.Same(identity, template.UserAssignedIdentity(clientId, "clientId"));
            foreach (var service in new[] { "blob", "queue", "table" })
            {
                var uri = settings.Literal[$"{connection}__{service}ServiceUri"];
                Assert.Matches($@"^\[reference\(.+\)\.primaryEndpoints\.{service}\]$", uri.Text);
                Assert.Equal("Microsoft.Storage/storageAccounts", template.TypeOfSymbolReferencedBy(uri));
            }
        }
    }

    [Fact]
    public void No_app_setting_holds_an_account_key_or_a_connection_string()
    {
        var settings = AppSettings();
        string[] forbidden = ["AccountKey", "DefaultEndpointsProtocol", "SharedAccessSignature", "listKeys(", "listConnectionStrings(", "InstrumentationKey="];
        foreach (var (name, value) in settings.Literal)
        {
            foreach (var word in forbidden) Assert.DoesNotContain(word, value.Text, StringComparison.OrdinalIgnoreCase);
            // The only "connection string" is Application Insights': an ingestion address without a usable key,
            // because the component has local authentication disabled (checked below).
            if (name != "APPLICATIONINSIGHTS_CONNECTION_STRING")
                Assert.DoesNotMatch(new Regex("connection_?string", RegexOptions.IgnoreCase), name);
        }
        foreach (var word in forbidden) Assert.DoesNotContain(word, template.Json, StringComparison.OrdinalIgnoreCase);

        var insights = settings.Literal["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        Assert.EndsWith(".ConnectionString]", insights.Text);
        Assert.Equal("Microsoft.Insights/components", template.TypeOfSymbolReferencedBy(insights));
    }

    [Fact]
    public void Nightly_snapshot_schedule_is_a_setting_from_a_parameter_that_defaults_to_the_codes_schedule()
    {
        var schedule = AppSettings().Literal[SettingNames.NightlySnapshotSchedule];
        var match = Regex.Match(schedule.Text, @"^\[parameters\('(\w+)'\)\]$");
        Assert.True(match.Success && schedule.Scope == template.Root, $"{SettingNames.NightlySnapshotSchedule} must come from a parameter of main.bicep, found {schedule.Text}");
        var parameter = match.Groups[1].Value;
        Assert.Equal(SettingNames.DefaultNightlySnapshotSchedule,
            Literal<string>(template.Root.Template.Obj("parameters").Obj(parameter)["defaultValue"]));
    }

    [Fact]
    public void Each_shop_gets_its_two_settings_as_key_vault_references_read_with_the_apps_identity()
    {
        var shops = template.Root.Template.Obj("parameters").Obj("shops");
        Assert.Equal("array", Literal<string>(shops["type"]));
        Assert.Empty(shops["defaultValue"]!.AsArray());

        var dynamic = string.Join("\n", AppSettings().Dynamic);
        Assert.Contains("parameters('shops')", dynamic);
        foreach (var (setting, secret) in new[]
                 {
                     (SettingNames.WebhookSecret, "shop-{1}-webhook-secret"),
                     (SettingNames.CustomerIdSalt, "shop-{1}-customer-id-salt"),
                 })
        {
            // Shops:{id}:X as an app setting, with {0} standing for the shop id in the template's format().
            Assert.Contains($"'{SettingNames.AsAppSetting(SettingNames.ShopSetting("{0}", setting))}'", dynamic);
            Assert.Contains($"'@Microsoft.KeyVault(VaultName={{0}};SecretName={secret})'", dynamic);
        }

        // The platform resolves the references as keyVaultReferenceIdentity, which must be the app's identity.
        var (scope, app) = template.SingleResource("Microsoft.Web/sites");
        Assert.Same(AppIdentity(), template.UserAssignedIdentity(template.Trace(scope, app.Obj("properties")["keyVaultReferenceIdentity"])));
    }

    [Fact]
    public void Each_shopify_shop_gets_its_domain_and_its_app_secret_as_a_key_vault_reference()
    {
        var shops = template.Root.Template.Obj("parameters").Obj("shopifyShops");
        Assert.Equal("array", Literal<string>(shops["type"]));
        Assert.Empty(shops["defaultValue"]!.AsArray());

        var dynamic = string.Join("\n", AppSettings().Dynamic);
        Assert.Contains("parameters('shopifyShops')", dynamic);
        // The names ShopifySettingsStore reads, with {0} standing for the shop id in the template's format().
        Assert.Contains($"'{SettingNames.AsAppSetting(SettingNames.ShopSetting("{0}", Retention.Pipeline.Shopify.ShopifySettingsStore.ShopifyDomain))}'", dynamic);
        Assert.Contains($"'{SettingNames.AsAppSetting(SettingNames.ShopSetting("{0}", Retention.Pipeline.Shopify.ShopifySettingsStore.ShopifySecret))}'", dynamic);
        Assert.Contains("'@Microsoft.KeyVault(VaultName={0};SecretName=shop-{1}-shopify-secret)'", dynamic);
    }

    [Fact]
    public void Key_vault_uses_rbac_soft_delete_and_purge_protection_and_the_app_may_read_secrets()
    {
        var (_, vault) = template.SingleResource("Microsoft.KeyVault/vaults");
        var properties = vault.Obj("properties");
        Assert.True(Literal<bool>(properties["enableRbacAuthorization"]), "enableRbacAuthorization must be true");
        Assert.True(Literal<bool>(properties["enablePurgeProtection"]), "enablePurgeProtection must be true");
        Assert.True(Literal<bool>(properties["enableSoftDelete"]), "enableSoftDelete must be true");
        Assert.True(properties["accessPolicies"] is null || properties["accessPolicies"]!.AsArray().Count == 0, "no access policies with RBAC");
        AssertRoleForApp(KeyVaultSecretsUser, "Microsoft.KeyVault/vaults");
    }

    [Fact]
    public void App_identity_holds_the_three_data_roles_on_the_storage_account()
    {
        AssertRoleForApp(StorageBlobDataOwner, "Microsoft.Storage/storageAccounts");
        AssertRoleForApp(StorageQueueDataContributor, "Microsoft.Storage/storageAccounts");
        AssertRoleForApp(StorageTableDataContributor, "Microsoft.Storage/storageAccounts");
    }

    [Fact]
    public void Application_insights_takes_only_entra_id_telemetry_and_the_app_sends_it_with_its_identity()
    {
        var (_, component) = template.SingleResource("Microsoft.Insights/components");
        Assert.True(Literal<bool>(component.Obj("properties")["DisableLocalAuth"]), "DisableLocalAuth must be true");
        Assert.Contains("Microsoft.OperationalInsights/workspaces", Text(component.Obj("properties")["WorkspaceResourceId"]));
        template.SingleResource("Microsoft.OperationalInsights/workspaces");
        AssertRoleForApp(MonitoringMetricsPublisher, "Microsoft.Insights/components");

        var settings = AppSettings().Literal;
        var authentication = settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];
        var match = Regex.Match(authentication.Text, @"^\[format\('ClientId=\{0\};Authorization=AAD', (parameters\('\w+'\))\)\]$");
        Assert.True(match.Success, $"unexpected APPLICATIONINSIGHTS_AUTHENTICATION_STRING: {authentication.Text}");
        var clientId = template.Trace(authentication.Scope, JsonValue.Create($"[{match.Groups[1].Value}]"));
        Assert.Same(AppIdentity(), template.UserAssignedIdentity(clientId, "clientId"));
    }

    [Fact]
    public void Outputs_give_the_host_the_webhook_urls_per_platform_the_exports_container_and_the_key_vault()
    {
        var outputs = template.Root.Template.Obj("outputs");
        foreach (var name in new[] { "FUNCTION_APP_HOST_NAME", "EXPORTS_CONTAINER_URL", "KEY_VAULT_NAME", "KEY_VAULT_URI" })
            Assert.True(outputs.ContainsKey(name), $"output {name} is missing");

        // HttpRoutes has the generic route only so far; Shopify and WooCommerce follow the same pattern.
        foreach (var platform in new[] { "generic", "shopify", "woocommerce" })
        {
            var route = "/" + HttpRoutes.Prefix + "/" + HttpRoutes.GenericWebhook.Replace("generic", platform, StringComparison.Ordinal);
            var output = outputs.Obj($"WEBHOOK_URL_{platform.ToUpperInvariant()}");
            var value = Text(output["value"]).Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);
            Assert.StartsWith("[format('https://{0}" + route + "'", value);
            Assert.Contains(".defaultHostName", value);
        }

        var exports = template.Trace(template.Root, outputs.Obj("EXPORTS_CONTAINER_URL")["value"]);
        Assert.Contains("primaryEndpoints.blob", exports.Text);
        Assert.Contains(ExportsContainer(), CompiledInfraTemplate.StringVariablesIn(exports));
    }

    [Fact]
    public void Blob_and_container_soft_delete_and_the_apps_setting_come_from_one_parameter()
    {
        var (scope, blobService) = template.SingleResource("Microsoft.Storage/storageAccounts/blobServices");
        var properties = blobService.Obj("properties");
        string[] policies = ["deleteRetentionPolicy", "containerDeleteRetentionPolicy"];
        var windows = new List<string>();
        foreach (var policy in policies)
        {
            Assert.True(Literal<bool>(properties.Obj(policy)["enabled"]), $"{policy} must be enabled");
            windows.Add(ParameterOfMain(template.Trace(scope, properties.Obj(policy)["days"]), policy));
        }

        // The app reads the same number (privacy audit: an erasure is complete once its deleted blobs are past it).
        var setting = AppSettings().Literal[SettingNames.BlobSoftDeleteDays];
        var number = Regex.Match(setting.Text, @"^\[string\((parameters\('\w+'\))\)\]$");
        Assert.True(number.Success, $"{SettingNames.BlobSoftDeleteDays} must be string() of a parameter, found {setting.Text}");
        windows.Add(ParameterOfMain(template.Trace(setting.Scope, JsonValue.Create($"[{number.Groups[1].Value}]")), SettingNames.BlobSoftDeleteDays));

        var parameter = Assert.Single(windows.Distinct());
        var declared = template.Root.Template.Obj("parameters").Obj(parameter);
        Assert.Equal("int", Literal<string>(declared["type"]));
        Assert.Equal(SettingNames.DefaultBlobSoftDeleteDays, Literal<int>(declared["defaultValue"]));
        Assert.Equal(1, Literal<int>(declared["minValue"]));
        Assert.Equal(365, Literal<int>(declared["maxValue"]));
    }

    /// <summary>The parameter of main.bicep a traced value is, or a failure naming <paramref name="what"/>.</summary>
    private string ParameterOfMain(Traced traced, string what)
    {
        var match = Regex.Match(traced.Text, @"^\[parameters\('(\w+)'\)\]$");
        Assert.True(match.Success && traced.Scope == template.Root, $"{what} must come from a parameter of main.bicep, found {traced.Text}");
        return match.Groups[1].Value;
    }

    [Fact]
    public void Parameters_file_and_azure_yaml_fit_the_template_and_the_functions_project()
    {
        var parameters = template.Root.Template.Obj("parameters");
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "main.parameters.json")))!.Obj("parameters");
        foreach (var (name, _) in file) Assert.True(parameters.ContainsKey(name), $"main.parameters.json sets {name}, which main.bicep does not have");
        foreach (var (name, parameter) in parameters)
            if (parameter!.AsObject()["defaultValue"] is null)
                Assert.True(file.ContainsKey(name), $"main.parameters.json must set {name}: it has no default");

        var yaml = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "azure.yaml"));
        var project = Regex.Match(yaml, @"^\s+project:\s*(\S+)\s*$", RegexOptions.Multiline).Groups[1].Value;
        var projectDirectory = Path.GetFullPath(Path.Combine(RepositoryRoot.Path, project));
        Assert.Contains(Directory.GetFiles(projectDirectory, "*.csproj"), f => File.ReadAllText(f).Contains("<AzureFunctionsVersion>"));
        Assert.Matches(@"(?m)^\s+host:\s*function\s*$", yaml);
        Assert.Matches(@"(?m)^\s+language:\s*dotnet\s*$", yaml);
        Assert.Matches(@"(?m)^\s+path:\s*infra\s*$", yaml);

        // azd deploys to the app whose azd-service-name tag is the service's name in azure.yaml.
        var (scope, _) = template.SingleResource("Microsoft.Web/sites");
        var serviceName = Literal<string>(scope.Template.Obj("parameters").Obj("azdServiceName")["defaultValue"]);
        Assert.Matches($@"(?m)^services:\s*\n\s+{Regex.Escape(serviceName)}:\s*$", yaml);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static T Literal<T>(JsonNode? node)
    {
        Assert.NotNull(node);
        var value = node.AsValue();
        Assert.True(value.TryGetValue<T>(out var result), $"expected a literal {typeof(T).Name}, found {node.ToJsonString()}");
        if (result is string text) Assert.False(text.StartsWith('['), $"expected a literal, found the expression {text}");
        return result;
    }

    /// <summary>A string, literal or ARM expression.</summary>
    private static string Text(JsonNode? node)
    {
        string? text = null;
        Assert.True(node is JsonValue value && value.TryGetValue(out text), $"expected a string, found {node?.ToJsonString() ?? "nothing"}");
        return text!;
    }

    /// <summary>The names the template creates for a resource type, read from literal names or the literal list a copy loop walks.</summary>
    private List<string> ProvisionedNames(string type)
    {
        var names = new List<string>();
        foreach (var (scope, resource) in template.Resources(type))
        {
            var name = resource["name"]!.GetValue<string>();
            if (resource["copy"] is JsonObject copy)
            {
                var count = copy["count"]!.GetValue<string>();
                var list = Regex.Match(count, @"^\[length\(variables\('(\w+)'\)\)\]$");
                Assert.True(list.Success, $"{type}: the loop must walk a variable list, found count {count}");
                var variable = list.Groups[1].Value;
                Assert.Contains($"variables('{variable}')[copyIndex()]", name);
                var items = scope.Template.Obj("variables")[variable]!.AsArray();
                names.AddRange(items.Select(i => Literal<string>(i)));
            }
            else
            {
                var last = Regex.Match(name, @", (?:'([^']+)'|variables\('(\w+)'\))\)\]$");
                Assert.True(last.Success, $"{type}: cannot read a literal name from {name}");
                names.Add(last.Groups[1].Success
                    ? last.Groups[1].Value
                    : Literal<string>(scope.Template.Obj("variables")[last.Groups[2].Value]));
            }
        }
        return names;
    }

    private string ExportsContainer()
    {
        var url = template.Trace(template.Root, template.Root.Template.Obj("outputs").Obj("EXPORTS_CONTAINER_URL")["value"]);
        return Assert.Single(CompiledInfraTemplate.StringVariablesIn(url), n => n == "exports");
    }

    private string DeploymentContainer()
    {
        var (scope, app) = template.SingleResource("Microsoft.Web/sites");
        var url = template.Trace(scope, app.Obj("properties").Obj("functionAppConfig").Obj("deployment").Obj("storage")["value"]);
        Assert.Contains("primaryEndpoints.blob", url.Text);
        return Assert.Single(CompiledInfraTemplate.StringVariablesIn(url));
    }

    /// <summary>The app's identity: the one main.bicep itself declares (the alerts module has one of its own, to query logs).</summary>
    private JsonObject AppIdentity()
    {
        var own = template.Resources("Microsoft.ManagedIdentity/userAssignedIdentities").Where(r => r.Scope == template.Root).ToList();
        Assert.True(own.Count == 1, $"expected one user-assigned identity in main.bicep itself, found {own.Count}");
        return own[0].Resource;
    }

    private sealed record Settings(Dictionary<string, Traced> Literal, List<string> Dynamic);

    /// <summary>
    /// The app settings of the Function App: literal name/value lists (directly or through variables, as
    /// concat() of them), and the expressions that make settings at deploy time (one pair per shop).
    /// </summary>
    private Settings AppSettings()
    {
        var (scope, app) = template.SingleResource("Microsoft.Web/sites");
        var literal = new Dictionary<string, Traced>(StringComparer.Ordinal);
        var dynamic = new List<string>();

        void Add(JsonNode? node)
        {
            switch (node)
            {
                case JsonArray list:
                    foreach (var item in list)
                    {
                        Assert.NotNull(item);
                        var name = Literal<string>(item.Obj()["name"]);
                        Assert.True(literal.TryAdd(name, template.Trace(scope, item.Obj()["value"])), $"app setting {name} is set twice");
                    }
                    break;
                case JsonValue value when value.TryGetValue<string>(out var text) && text.StartsWith('['):
                    var variables = Regex.Matches(text, @"variables\('(\w+)'\)").Select(m => m.Groups[1].Value).ToList();
                    if (variables.Count == 0) dynamic.Add(text);
                    foreach (var variable in variables) Add(scope.Template.Obj("variables")[variable]);
                    break;
                default:
                    Assert.Fail($"cannot read app settings from {node?.ToJsonString()}");
                    break;
            }
        }

        Add(app.Obj("properties").Obj("siteConfig")["appSettings"]);
        foreach (var (_, config) in template.Resources("Microsoft.Web/sites/config"))
            Assert.Fail($"app settings also come from a sites/config resource ({config["name"]}); teach this test to read it");
        return new Settings(literal, dynamic);
    }

    private void AssertRoleForApp(string roleDefinitionGuid, string scopeType)
    {
        var identity = AppIdentity();
        var matches = template.Resources("Microsoft.Authorization/roleAssignments")
            .Where(r => r.Resource["condition"] is null)
            .Where(r => CompiledInfraTemplate.RoleGuid(r.Scope, r.Resource) == roleDefinitionGuid)
            .Where(r => (r.Resource["scope"]?.GetValue<string>() ?? "").Contains(scopeType, StringComparison.Ordinal))
            .Where(r => ReferenceEquals(identity,
                template.UserAssignedIdentity(template.Trace(r.Scope, r.Resource.Obj("properties")["principalId"]), "principalId")))
            .ToList();
        var (_, assignment) = Assert.Single(matches);
        Assert.Equal("ServicePrincipal", Literal<string>(assignment.Obj("properties")["principalType"]));
    }
}

/// <summary>A template in the compiled file: the main one, or a module's nested template.</summary>
public sealed record TemplateScope(JsonObject Template, TemplateScope? Parent, JsonObject? Module)
{
    /// <summary>The resources of this template, whether an array (language version 1) or keyed by symbolic name (2.0).</summary>
    public IEnumerable<(string? Symbol, JsonObject Resource)> OwnResources() => Template["resources"] switch
    {
        JsonArray list => list.Select(r => ((string?)null, r!.AsObject())),
        JsonObject byName => byName.Select(p => ((string?)p.Key, p.Value!.AsObject())),
        _ => [],
    };
}

/// <summary>An expression (or literal) after following parameters, variables and module outputs to where it is made.</summary>
public sealed record Traced(TemplateScope Scope, JsonNode? Node)
{
    public string Text => Node is JsonValue value && value.TryGetValue<string>(out var text) ? text : Node?.ToJsonString() ?? "";
}

/// <summary>Runs infra/validate.sh once for the test class and parses the ARM template it compiles.</summary>
public sealed class CompiledInfraTemplate : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "retention-infra-" + Guid.NewGuid().ToString("N"));
    private List<(TemplateScope Scope, string? Symbol, JsonObject Resource)> _resources = [];

    public int ExitCode { get; private set; }
    public string Output { get; private set; } = "";
    public string Json { get; private set; } = "";
    public TemplateScope Root { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var outFile = Path.Combine(_directory, "main.json");
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(RepositoryRoot.Path, "infra", "validate.sh"), outFile },
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The test host runs inside MSBuild/VSTest: keep their variables away from the script's own dotnet restore.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("infra/validate.sh did not finish within 10 minutes");
        }
        ExitCode = process.ExitCode;
        Output = (await stdout) + (await stderr);
        Assert.True(ExitCode == 0 && File.Exists(outFile), $"infra/validate.sh failed ({ExitCode}):\n{Output}");

        Json = await File.ReadAllTextAsync(outFile);
        Root = new TemplateScope(JsonNode.Parse(Json)!.AsObject(), null, null);
        _resources = [.. Walk(Root)];
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private static IEnumerable<(TemplateScope, string?, JsonObject)> Walk(TemplateScope scope)
    {
        foreach (var (symbol, resource) in scope.OwnResources())
        {
            yield return (scope, symbol, resource);
            if (resource["type"]?.GetValue<string>() == "Microsoft.Resources/deployments" &&
                resource["properties"]?["template"] is JsonObject nested)
                foreach (var inner in Walk(new TemplateScope(nested, scope, resource)))
                    yield return inner;
        }
    }

    /// <summary>The resources of a type the template deploys; an <c>existing</c> one is only a reference, and is left out.</summary>
    public IEnumerable<(TemplateScope Scope, JsonObject Resource)> Resources(string type) =>
        _resources.Where(r => string.Equals(r.Resource["type"]?.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase))
            .Where(r => r.Resource["existing"]?.GetValue<bool>() != true)
            .Select(r => (r.Scope, r.Resource));

    public (TemplateScope Scope, JsonObject Resource) SingleResource(string type)
    {
        var all = Resources(type).ToList();
        Assert.True(all.Count == 1, $"expected one {type} in the template, found {all.Count}");
        return all[0];
    }

    /// <summary>Follows parameters (into the module call), variables and module outputs until the value is made.</summary>
    public Traced Trace(TemplateScope scope, JsonNode? node)
    {
        for (var hops = 0; hops < 20; hops++)
        {
            if (node is not JsonValue value || !value.TryGetValue<string>(out var text)) return new Traced(scope, node);
            text = Regex.Replace(text, @"^\[format\('\{0\}', (.+)\)\]$", "[$1]");

            if (Regex.Match(text, @"^\[parameters\('(\w+)'\)\]$") is { Success: true } parameter && scope.Module is not null)
            {
                node = scope.Module["properties"]?["parameters"]?[parameter.Groups[1].Value]?["value"];
                if (node is null) return new Traced(scope, scope.Template["parameters"]?[parameter.Groups[1].Value]?["defaultValue"]);
                scope = scope.Parent!;
            }
            else if (Regex.Match(text, @"^\[variables\('(\w+)'\)\]$") is { Success: true } variable)
            {
                node = scope.Template["variables"]?[variable.Groups[1].Value];
            }
            else if (Regex.Match(text, @"^\[reference\('(\w+)'\)\.outputs\.(\w+)\.value\]$") is { Success: true } output)
            {
                var module = _resources.Single(r => r.Scope == scope && r.Symbol == output.Groups[1].Value).Resource;
                scope = new TemplateScope(module["properties"]!["template"]!.AsObject(), scope, module);
                node = scope.Template["outputs"]?[output.Groups[2].Value]?["value"];
            }
            else
            {
                return new Traced(scope, JsonValue.Create(text));
            }
        }
        throw new InvalidOperationException("expression chain too long");
    }

    /// <summary>The string values of the variables an expression uses (in its own template).</summary>
    public static List<string> StringVariablesIn(Traced traced) =>
        [.. Regex.Matches(traced.Text, @"variables\('(\w+)'\)")
            .Select(m => traced.Scope.Template["variables"]?[m.Groups[1].Value])
            .OfType<JsonValue>()
            .Select(v => v.TryGetValue<string>(out var s) ? s : null)
            .OfType<string>()
            .Distinct()];

    /// <summary>The type of the resource that reference(...) in the expression points to (symbolic name or resourceId).</summary>
    public string? TypeOfSymbolReferencedBy(Traced traced)
    {
        var byId = Regex.Match(traced.Text, @"reference\(resourceId\('([^']+)'");
        if (byId.Success) return byId.Groups[1].Value;
        var symbol = Regex.Match(traced.Text, @"reference\('(\w+)'\)");
        if (!symbol.Success) return null;
        return _resources.Where(r => r.Scope == traced.Scope && r.Symbol == symbol.Groups[1].Value)
            .Select(r => r.Resource["type"]?.GetValue<string>()).SingleOrDefault();
    }

    /// <summary>The resource of the given type that a resourceId(...) expression names, in the same template.</summary>
    public JsonObject ResourceReferencedBy(TemplateScope scope, string resourceIdExpression, string type)
    {
        var resource = FindByResourceId(scope, resourceIdExpression, type);
        Assert.True(resource is not null, $"expected resourceId('{type}', ...) of a resource in the template, found {resourceIdExpression}");
        return resource;
    }

    private JsonObject? FindByResourceId(TemplateScope scope, string resourceIdExpression, string type)
    {
        var name = Regex.Match(resourceIdExpression, $@"^\[resourceId\('{Regex.Escape(type)}', (.+)\)\]$");
        if (!name.Success) return null;
        return _resources.Where(r => r.Scope == scope &&
                r.Resource["type"]?.GetValue<string>() == type &&
                r.Resource["name"]?.GetValue<string>() == $"[{name.Groups[1].Value}]")
            .Select(r => r.Resource).SingleOrDefault();
    }

    /// <summary>
    /// The user-assigned identity an expression stands for: its resource id, or reference(identity).property
    /// (with a symbolic name or a resourceId).
    /// </summary>
    public JsonObject? UserAssignedIdentity(Traced traced, string? property = null)
    {
        const string type = "Microsoft.ManagedIdentity/userAssignedIdentities";
        var text = traced.Text;
        if (property is not null)
        {
            var symbolic = Regex.Match(text, $@"^\[reference\('(\w+)'\)\.{property}\]$");
            if (symbolic.Success)
                return _resources.Where(r => r.Scope == traced.Scope && r.Symbol == symbolic.Groups[1].Value &&
                    r.Resource["type"]?.GetValue<string>() == type).Select(r => r.Resource).SingleOrDefault();
            var byId = Regex.Match(text, $@"^\[reference\(resourceId\((.+)\)(?:, '[^']+'(?:, 'full')?)?\)\.{property}\]$");
            if (!byId.Success) return null;
            text = $"[resourceId({byId.Groups[1].Value})]";
        }
        return FindByResourceId(traced.Scope, text, type);
    }

    /// <summary>The role definition GUID of a role assignment, literal or through a variable.</summary>
    public static string? RoleGuid(TemplateScope scope, JsonObject assignment)
    {
        var id = assignment["properties"]?["roleDefinitionId"]?.GetValue<string>() ?? "";
        var guid = Regex.Match(id, @"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        if (guid.Success) return guid.Value.ToLowerInvariant();
        var variable = Regex.Match(id, @"variables\('(\w+)'\)");
        return variable.Success ? scope.Template["variables"]?[variable.Groups[1].Value]?.GetValue<string>().ToLowerInvariant() : null;
    }
}

internal static class JsonNodeExtensions
{
    public static JsonObject Obj(this JsonNode node) => node.AsObject();

    public static JsonObject Obj(this JsonNode node, string property)
    {
        var child = node[property];
        Assert.True(child is JsonObject, $"expected an object at '{property}', found {child?.ToJsonString() ?? "nothing"}");
        return child!.AsObject();
    }
}

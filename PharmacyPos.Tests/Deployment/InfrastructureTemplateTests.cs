using System.Text.Json;

namespace PharmacyPos.Tests.Deployment;

/// <summary>
/// The properties the operations guide relies on, asserted on the ARM JSON that
/// scripts/check-infra.sh compiles from infra/ (artifacts/infra/main.json).
/// </summary>
public class InfrastructureTemplateTests
{
    private static readonly CompiledTemplate Main = CompiledTemplate.Main;

    [Fact]
    public void Database_has_zone_redundant_high_availability()
    {
        var postgres = Main.Module("postgres");
        var primary = PrimaryServer(postgres);
        Assert.Equal("ZoneRedundant", postgres.Get(primary, "properties.highAvailability.mode").GetString());
    }

    [Fact]
    public void Database_keeps_30_days_of_geo_redundant_backups()
    {
        var postgres = Main.Module("postgres");
        var primary = PrimaryServer(postgres);
        Assert.True(postgres.Get(primary, "properties.backup.backupRetentionDays").GetInt32() >= 30, "Backup retention must be at least 30 days.");
        Assert.Equal("Enabled", postgres.Get(primary, "properties.backup.geoRedundantBackup").GetString());
    }

    [Fact]
    public void Database_accepts_only_entra_sign_in_over_private_network()
    {
        var postgres = Main.Module("postgres");
        var primary = PrimaryServer(postgres);
        Assert.Equal("Enabled", postgres.Get(primary, "properties.authConfig.activeDirectoryAuth").GetString());
        Assert.Equal("Disabled", postgres.Get(primary, "properties.authConfig.passwordAuth").GetString());
        Assert.Equal("Disabled", postgres.Get(primary, "properties.network.publicNetworkAccess").GetString());
    }

    [Fact]
    public void Database_has_a_read_replica_of_the_primary()
    {
        var postgres = Main.Module("postgres");
        var replica = postgres.ResourcesOfType("Microsoft.DBforPostgreSQL/flexibleServers")
            .SingleOrDefault(s => s.GetProperty("properties").TryGetProperty("createMode", out var mode) && mode.GetString() == "Replica");
        Assert.True(replica.ValueKind == JsonValueKind.Object, "No PostgreSQL server with createMode Replica.");
        // The source is the primary of the same module: resourceId(..., parameters('name')).
        Assert.EndsWith("flexibleServers', parameters('name'))]", replica.GetProperty("properties").GetProperty("sourceServerResourceId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_container_is_write_once_for_a_retention_period()
    {
        var storage = Main.Module("storage");
        var audit = storage.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Single(c => c.GetProperty("name").GetString()!.Contains("auditContainerName", StringComparison.Ordinal));
        Assert.True(storage.Get(audit, "properties.immutableStorageWithVersioning.enabled").GetBoolean(), "The audit container must use version-level immutability.");

        var policy = storage.Resource("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies");
        Assert.Contains("auditContainerName", policy.GetProperty("name").GetString(), StringComparison.Ordinal);
        // The period comes from each environment's parameters file (next test).
        Assert.Equal("[parameters('auditImmutabilityDays')]", storage.Get(policy, "properties").GetProperty("immutabilityPeriodSinceCreationInDays").GetString());
    }

    [Theory]
    [InlineData("production", 3650)]
    [InlineData("staging", 1)]
    public void Each_environment_sets_the_audit_retention(string environment, int atLeastDays)
    {
        using var parameters = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.CompiledInfra($"{environment}.parameters.json")));
        var days = parameters.RootElement.GetProperty("parameters").GetProperty("auditImmutabilityDays").GetProperty("value").GetInt32();
        Assert.True(days >= atLeastDays, $"{environment}: auditImmutabilityDays is {days}, expected at least {atLeastDays}.");
    }

    [Fact]
    public void Backups_container_keeps_every_version()
    {
        var storage = Main.Module("storage");
        var blobService = storage.Resource("Microsoft.Storage/storageAccounts/blobServices");
        Assert.True(storage.Get(blobService, "properties.isVersioningEnabled").GetBoolean());
        var account = storage.Resource("Microsoft.Storage/storageAccounts");
        Assert.False(storage.Get(account, "properties.allowSharedKeyAccess").GetBoolean(), "Storage must accept Entra sign-in only.");
    }

    [Fact]
    public void Web_app_has_a_staging_slot_with_slot_sticky_settings()
    {
        var app = Main.Module("app");
        var slot = app.Resource("Microsoft.Web/sites/slots");
        Assert.EndsWith("'staging')]", slot.GetProperty("name").GetString(), StringComparison.Ordinal);

        var sticky = app.Parameter("slotSettings");
        var production = sticky.GetProperty("production").EnumerateObject().Select(p => p.Name).ToHashSet();
        var staging = sticky.GetProperty("staging").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.True(production.SetEquals(staging), "Both slots must set the same sticky settings.");
        Assert.Contains("Demo__Seed", production);
        Assert.Equal("false", sticky.GetProperty("production").GetProperty("Demo__Seed").GetString());
    }

    [Fact]
    public void Web_app_is_sticky_always_on_with_websockets_and_the_ready_health_check()
    {
        var app = Main.Module("app");
        var site = app.Resource("Microsoft.Web/sites");
        Assert.True(app.Get(site, "properties.clientAffinityEnabled").GetBoolean(), "ARR affinity must be on: Blazor Server circuits live on one instance.");
        Assert.True(app.Get(site, "properties.siteConfig.webSocketsEnabled").GetBoolean());
        Assert.True(app.Get(site, "properties.siteConfig.alwaysOn").GetBoolean());
        Assert.Equal("/api/health/ready", app.Get(site, "properties.siteConfig.healthCheckPath").GetString());
        Assert.True(app.Get(site, "properties.httpsOnly").GetBoolean());
    }

    [Fact]
    public void App_service_plan_is_linux_premium_v3_across_zones()
    {
        var app = Main.Module("app");
        var plan = app.Resource("Microsoft.Web/serverfarms");
        Assert.True(app.Get(plan, "properties.reserved").GetBoolean(), "The plan must be Linux (reserved).");
        Assert.True(app.Get(plan, "properties.zoneRedundant").GetBoolean());
        Assert.EndsWith("v3", app.Parameter("skuName").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("P", app.Parameter("skuName").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Autoscale_runs_from_3_to_10_instances_on_cpu()
    {
        var app = Main.Module("app");
        Assert.Equal(3, app.Parameter("minimumInstances").GetInt32());
        Assert.Equal(10, app.Parameter("maximumInstances").GetInt32());

        var autoscale = app.Resource("Microsoft.Insights/autoscalesettings");
        var rules = app.Get(autoscale, "properties").GetProperty("profiles")[0].GetProperty("rules").EnumerateArray().ToList();
        Assert.Contains(rules, r => r.GetProperty("metricTrigger").GetProperty("metricName").GetString() == "CpuPercentage"
            && r.GetProperty("scaleAction").GetProperty("direction").GetString() == "Increase");
        Assert.Contains(rules, r => r.GetProperty("metricTrigger").GetProperty("metricName").GetString() == "CpuPercentage"
            && r.GetProperty("scaleAction").GetProperty("direction").GetString() == "Decrease");
    }

    [Fact]
    public void Alerts_cover_the_thresholds_of_the_operations_guide()
    {
        var alerts = Main.Module("alerts");
        var thresholds = alerts.Parameter("thresholds");
        Assert.Equal(1, thresholds.GetProperty("errorRatePercent").GetInt32());
        Assert.Equal(5, thresholds.GetProperty("responseTimeSeconds").GetInt32());
        Assert.Equal(80, thresholds.GetProperty("cpuPercent").GetInt32());
        Assert.Equal(80, thresholds.GetProperty("diskPercent").GetInt32());
        Assert.Equal(90, thresholds.GetProperty("connectionsPercent").GetInt32());
        Assert.Equal(90, thresholds.GetProperty("poolPercent").GetInt32());
        Assert.Equal(80, thresholds.GetProperty("appDiskPercent").GetInt32());

        var metrics = alerts.Variable("metricAlerts").EnumerateArray().Select(a => a.GetProperty("metric").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "HttpResponseTime", "CpuPercentage", "storage_percent", "active_connections" }, metrics);

        var measures = alerts.Variable("logAlerts").EnumerateArray().Select(a => a.GetProperty("measure").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "errorRatePercent", "checkoutErrorRatePercent", "checkoutP95Seconds", "poolPercent", "diskPercent" }, measures);

        Assert.Single(alerts.ResourcesOfType("Microsoft.Insights/metricAlerts"));
        Assert.Single(alerts.ResourcesOfType("Microsoft.Insights/scheduledQueryRules"));
    }

    [Fact]
    public void Every_subnet_has_a_network_security_group()
    {
        var network = Main.Module("network");
        var vnet = network.Resource("Microsoft.Network/virtualNetworks");
        var subnets = network.Get(vnet, "properties").GetProperty("subnets").EnumerateArray().ToList();
        Assert.Equal(5, subnets.Count);
        Assert.All(subnets, subnet => Assert.True(
            subnet.GetProperty("properties").TryGetProperty("networkSecurityGroup", out var nsg) && nsg.TryGetProperty("id", out _),
            $"subnet {subnet.GetProperty("name")} has no network security group"));
        Assert.Equal(5, network.Variable("subnetKeys").GetArrayLength());
    }

    [Fact]
    public void Database_maintenance_waits_for_tuesday_two_am()
    {
        var postgres = Main.Module("postgres");
        var primary = PrimaryServer(postgres);
        var window = postgres.Get(primary, "properties.maintenanceWindow");
        Assert.Equal("Enabled", window.GetProperty("customWindow").GetString());
        Assert.Equal(2, postgres.Parameter("maintenanceDayOfWeek").GetInt32());
        Assert.Equal(2, postgres.Parameter("maintenanceStartHour").GetInt32());
    }

    [Fact]
    public void The_pipeline_that_runs_the_backup_may_read_its_key_from_key_vault()
    {
        // An expression in the compiled template: the app's identity and the pipeline's principal.
        var readers = Main.Module("keyVault").Parameter("secretReaderPrincipalIds").GetRawText();
        Assert.Contains("pipelinePrincipal", readers, StringComparison.Ordinal);
        Assert.Contains("appIdentity", readers, StringComparison.Ordinal);
    }

    [Fact]
    public void Redis_is_azure_managed_redis_with_high_availability()
    {
        var redis = Main.Module("redis");
        var cluster = redis.Resource("Microsoft.Cache/redisEnterprise");
        Assert.Equal("Enabled", redis.Get(cluster, "properties.highAvailability").GetString());
        Assert.Equal("Disabled", redis.Get(cluster, "properties.publicNetworkAccess").GetString());
    }

    [Fact]
    public void Entry_point_is_a_waf_v2_gateway_in_prevention_mode_sized_for_the_circuits()
    {
        var gateway = Main.Module("gateway");
        var agw = gateway.Resource("Microsoft.Network/applicationGateways");
        Assert.Equal("WAF_v2", gateway.Get(agw, "properties.sku.tier").GetString());
        var policy = gateway.Resource("Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies");
        Assert.Equal("Prevention", gateway.Get(policy, "properties.policySettings.mode").GetString());
        Assert.Equal(3, agw.GetProperty("zones").GetArrayLength());

        // main.bicep: max(2, 2 * circuits / 13,500 + 1) instances, each holding 13,500 TLS WebSockets.
        var formula = Main.Template.GetProperty("variables").GetProperty("gatewayMinimumCapacity").GetString();
        Assert.Contains("13500", Main.Template.GetProperty("variables").GetProperty("connectionsPerGatewayInstance").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("max(2,", formula, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_hold_no_secret_values()
    {
        var text = File.ReadAllText(RepositoryFiles.CompiledInfra("main.json"));
        Assert.DoesNotContain("administratorLoginPassword", text, StringComparison.Ordinal);
        foreach (var environment in new[] { "production", "staging" })
        {
            var parameters = File.ReadAllText(RepositoryFiles.CompiledInfra($"{environment}.parameters.json"));
            Assert.DoesNotContain("password", parameters, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static JsonElement PrimaryServer(CompiledTemplate postgres) =>
        postgres.ResourcesOfType("Microsoft.DBforPostgreSQL/flexibleServers")
            .Single(s => !s.GetProperty("properties").TryGetProperty("createMode", out _));
}

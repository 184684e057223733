using Microsoft.Extensions.Configuration;
using PharmacyPos.Web;
using PharmacyPos.Web.Infrastructure.Configuration;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features;

public class ConfigurationTests
{
    private const string SimulatedTerminal = PosSettings.SimulatedCardTerminalSetting;

    private static PosSettings Load(Dictionary<string, string?> values, bool production = false) =>
        PosSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), Path.GetTempPath(), isDevelopment: false, isProduction: production);

    [Fact]
    public void No_configuration_means_the_embedded_default()
    {
        var settings = Load([]);
        Assert.Equal(DatabaseProvider.Sqlite, settings.Provider);
        Assert.True(settings.MigrateOnStart);
        Assert.True(settings.SeedDemoData);
        Assert.Null(settings.RedisConfiguration);
    }

    [Fact]
    public void Postgres_in_production_never_migrates_or_seeds_by_itself()
    {
        var settings = Load(new() { ["ConnectionStrings:Pos"] = "Host=db.example;Database=pos;Username=app", [SimulatedTerminal] = "true" }, production: true);
        Assert.Equal(DatabaseProvider.PostgreSql, settings.Provider);
        Assert.False(settings.MigrateOnStart);
        Assert.False(settings.SeedDemoData);
    }

    [Fact]
    public void Managed_identity_is_used_for_azure_postgres_without_a_password()
    {
        var settings = Load(new() { ["ConnectionStrings:Pos"] = "Host=pos.postgres.database.azure.com;Database=pos;Username=pos-app;SSL Mode=Require", [SimulatedTerminal] = "true" }, production: true);
        Assert.True(settings.EntraAuthentication);
    }

    [Theory]
    [InlineData("ConnectionStrings:Pos", "Host=x;Bogus Keyword=1")]
    [InlineData("ConnectionStrings:Pos", "Database=pos")]
    [InlineData("ConnectionStrings:Redis", "127.0.0.1:6379,abortConnect=maybe")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING", "not-a-connection-string")]
    [InlineData("Database:MigrateOnStart", "sometimes")]
    [InlineData("ConnectionStrings:PosReadReplica", "Host=replica")]
    public void Malformed_setting_stops_the_start_naming_the_setting(string key, string value)
    {
        var ex = Assert.Throws<PosConfigurationException>(() => Load(new() { [key] = value }));
        Assert.Equal(key, ex.Setting);
        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_data_is_refused_in_production()
    {
        var ex = Assert.Throws<PosConfigurationException>(() =>
            Load(new() { ["ConnectionStrings:Pos"] = "Host=db;Database=pos", ["Demo:Seed"] = "true" }, production: true));
        Assert.Equal("Demo:Seed", ex.Setting);
    }

    [Fact]
    public void Production_refuses_the_simulated_card_terminal_naming_the_setting()
    {
        var ex = Assert.Throws<PosConfigurationException>(() =>
            Load(new() { ["ConnectionStrings:Pos"] = "Host=db;Database=pos" }, production: true));
        Assert.Equal("Payments:AllowSimulatedTerminal", ex.Setting);
        Assert.StartsWith("Setting 'Payments:AllowSimulatedTerminal' ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_runs_the_simulated_card_terminal_only_when_the_setting_says_so()
    {
        var settings = Load(new() { ["ConnectionStrings:Pos"] = "Host=db;Database=pos", ["Payments:AllowSimulatedTerminal"] = "true" }, production: true);
        Assert.True(settings.SimulatedCardTerminal);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("yes")]
    public void Production_refuses_a_simulated_terminal_setting_that_is_not_true(string value)
    {
        var ex = Assert.Throws<PosConfigurationException>(() =>
            Load(new() { ["ConnectionStrings:Pos"] = "Host=db;Database=pos", ["Payments:AllowSimulatedTerminal"] = value }, production: true));
        Assert.Equal("Payments:AllowSimulatedTerminal", ex.Setting);
    }

    [Fact]
    public void Production_commands_that_take_no_payment_start_without_the_terminal_setting()
    {
        var settings = PosSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["ConnectionStrings:Pos"] = "Host=db;Database=pos" }).Build(),
            Path.GetTempPath(), isDevelopment: false, isProduction: true, servesRegisters: false);
        Assert.False(settings.SimulatedCardTerminal);
    }

    [Fact]
    public void Outside_production_the_simulated_card_terminal_needs_no_setting()
    {
        Assert.True(Load([]).SimulatedCardTerminal);
        Assert.True(Load(new() { ["ConnectionStrings:Pos"] = "Host=db;Database=pos" }).SimulatedCardTerminal);
    }

    [Fact]
    public async Task Production_exits_naming_the_simulated_terminal_setting_instead_of_starting()
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            var code = await PosHost.RunAsync(["--environment=Production", "--ConnectionStrings:Pos=Host=db.invalid;Database=pos"]);
            Assert.Equal(2, code);
        }
        finally
        {
            Console.SetError(original);
        }
        Assert.Contains("Setting 'Payments:AllowSimulatedTerminal'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_exits_with_the_setting_name_instead_of_starting()
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            var code = await PosHost.RunAsync(["--ConnectionStrings:Redis=127.0.0.1:6379,abortConnect=maybe"]);
            Assert.Equal(2, code);
        }
        finally
        {
            Console.SetError(original);
        }
        Assert.Contains("ConnectionStrings:Redis", error.ToString(), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.Json;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Health;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features;

/// <summary>
/// Production shape: PostgreSQL and Redis. Two instances (two App Service instances, or the two slots of a
/// swap) share the Data Protection key ring in Redis, so a cookie issued by one is honoured by the other.
/// </summary>
public class ScaleOutTests
{
    [Fact]
    public async Task A_sign_in_on_one_instance_is_valid_on_another()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Pos"] = database.ConnectionString,
            ["ConnectionStrings:Redis"] = TestServers.Redis,
            ["Database:MigrateOnStart"] = "true",
            ["Demo:Seed"] = "true",
        };
        await using var first = new PosAppFactory { Settings = settings };
        await using var second = new PosAppFactory { Settings = settings };

        using var onFirst = first.CreateBrowserLikeClient();
        var signIn = await PosAppFactory.SignInAsync(onFirst, "manager", "Manager-Demo-1");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pos.auth=", StringComparison.Ordinal)).Split(';')[0];

        using var onSecond = second.CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/stock");
        request.Headers.Add("Cookie", cookie);
        var response = await onSecond.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Stock at this branch", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_the_guide_shape_on_postgres_and_redis()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await using var app = new PosAppFactory
        {
            Settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Pos"] = database.ConnectionString,
                ["ConnectionStrings:Redis"] = TestServers.Redis,
                ["Demo:Seed"] = "false",
            },
        };
        using var client = app.CreateBrowserLikeClient();
        var body = await client.GetStringAsync(HealthEndpoints.Path);
        HealthEndpointTests.AssertPublicShape(body);
        using var json = JsonDocument.Parse(body);
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("ok", checks.GetProperty("redis").GetString());
        Assert.Equal("ok", checks.GetProperty("database").GetString());
        Assert.DoesNotContain("PostgreSql", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Reachable", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_fails_while_migrations_are_pending()
    {
        var server = new Npgsql.NpgsqlConnectionStringBuilder(TestServers.Postgres);
        var name = $"pos_empty_{Guid.NewGuid():N}";
        await using (var admin = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        try
        {
            await using var app = new PosAppFactory
            {
                Settings = new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Pos"] = new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Pooling = false }.ConnectionString,
                    ["Database:MigrateOnStart"] = "false",
                    ["Demo:Seed"] = "false",
                },
            };
            using var client = app.CreateBrowserLikeClient();
            var response = await client.GetAsync("/api/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("unhealthy", json.RootElement.GetProperty("status").GetString());
            Assert.Equal("down", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

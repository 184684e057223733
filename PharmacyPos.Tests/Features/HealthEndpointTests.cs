using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Health;

namespace PharmacyPos.Tests.Features;

/// <summary>The health contract of the operations guide, on the embedded default (PostgreSQL + Redis: <see cref="ScaleOutTests"/>).</summary>
public class HealthEndpointTests : IClassFixture<PosAppFactory>
{
    private static readonly string[] PublicChecks = ["database", "redis", "disk", "memory"];
    private static readonly string[] CheckWords = ["ok", "degraded", "down", "not_configured"];
    private readonly PosAppFactory _app;

    public HealthEndpointTests(PosAppFactory app) => _app = app;

    [Fact]
    public async Task Health_answers_exactly_the_guide_shape_on_the_embedded_default()
    {
        await using var app = new PinnedHealthApp(new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero));
        using var client = app.CreateBrowserLikeClient();

        var response = await client.GetAsync(HealthEndpoints.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(
            """{"status":"healthy","timestamp":"2026-02-01T10:00:00Z","checks":{"database":"ok","redis":"not_configured","disk":"ok","memory":"ok","archive":"ok","audit-chain":"ok"}}""",
            body);
        AssertPublicShape(body);
    }

    [Fact]
    public async Task Health_tells_a_stranger_only_status_words()
    {
        using var client = _app.CreateBrowserLikeClient();
        var body = await client.GetStringAsync(HealthEndpoints.Path);

        AssertPublicShape(body);
        foreach (var secret in new[] { "Sqlite", "SQLite", "MiB", " ms", "free", "block", "description", _app.Folder })
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_answers_200_with_the_database_only_when_it_is_migrated()
    {
        using var client = _app.CreateBrowserLikeClient();
        var response = await client.GetAsync(HealthEndpoints.ReadyPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("ok", checks.GetProperty("database").GetString());
        Assert.False(checks.TryGetProperty("redis", out _));
    }

    [Fact]
    public async Task Redis_down_degrades_health_but_keeps_the_instance_ready()
    {
        // A port nothing listens on: Redis configured but stopped.
        await using var app = new PosAppFactory
        {
            Settings = new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=500,connectRetry=0" },
        };
        using var client = app.CreateBrowserLikeClient();

        var health = await client.GetAsync(HealthEndpoints.Path);
        var ready = await client.GetAsync(HealthEndpoints.ReadyPath);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("degraded", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("down", json.RootElement.GetProperty("checks").GetProperty("redis").GetString());
        Assert.Equal("ok", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Details_give_a_signed_in_admin_descriptions_and_timings()
    {
        using var client = _app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PosAppFactory.SignInAsync(client, "admin", "Admin-Demo-1")).StatusCode);

        var response = await client.GetAsync(HealthEndpoints.DetailsPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var database = json.RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("ok", database.GetProperty("status").GetString());
        Assert.Contains("Sqlite", database.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(database.GetProperty("durationMs").GetDouble() >= 0);
        Assert.True(database.GetProperty("readiness").GetBoolean());
        Assert.Contains("not configured", json.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("description").GetString(),
            StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The public answer: three properties, status and check words from the guide, a UTC timestamp with Z.</summary>
    internal static void AssertPublicShape(string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(["status", "timestamp", "checks"], root.EnumerateObject().Select(p => p.Name));
        Assert.Contains(root.GetProperty("status").GetString(), new[] { "healthy", "degraded", "unhealthy" });
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", root.GetProperty("timestamp").GetString()!);
        var checks = root.GetProperty("checks").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(PublicChecks, checks.Keys.Take(PublicChecks.Length));
        Assert.All(checks.Values, v => Assert.Contains(v.GetString(), CheckWords));
    }

    /// <summary>
    /// The embedded default with the clock pinned, and disk and memory reporting what a healthy instance reports
    /// (the build machine's own disk and memory are not the point here).
    /// </summary>
    private sealed class PinnedHealthApp : IAsyncDisposable
    {
        private readonly PosAppFactory _factory;
        private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app;

        public PinnedHealthApp(DateTimeOffset now)
        {
            _factory = new PosAppFactory { Time = new FakeTimeProvider(now) };
            _app = _factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.Configure<HealthCheckServiceOptions>(o =>
            {
                foreach (var r in o.Registrations.Where(r => r.Name is "disk" or "memory"))
                    r.Factory = _ => new FixedCheck();
            })));
        }

        public HttpClient CreateBrowserLikeClient() => _app.CreateClient(new() { AllowAutoRedirect = false });

        public async ValueTask DisposeAsync()
        {
            await _app.DisposeAsync();
            await _factory.DisposeAsync();
        }
    }

    private sealed class FixedCheck : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Healthy());
    }
}

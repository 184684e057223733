using System.Net;
using System.Text.Json;
using PharmacyPos.Tests.TestInfrastructure;

namespace PharmacyPos.Tests.Features;

public class HealthEndpointTests : IClassFixture<PosAppFactory>
{
    private readonly PosAppFactory _app;

    public HealthEndpointTests(PosAppFactory app) => _app = app;

    [Fact]
    public async Task Health_answers_the_operations_guide_shape_without_sign_in()
    {
        using var client = _app.CreateBrowserLikeClient();
        var response = await client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("Healthy", root.GetProperty("status").GetString());
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("timestamp").GetString(), out _));
        var checks = root.GetProperty("checks");
        foreach (var name in new[] { "database", "redis", "disk", "memory" })
            Assert.True(checks.TryGetProperty(name, out _), $"missing check {name}");
        Assert.Equal("NotConfigured", checks.GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_answers_200_when_the_database_is_migrated()
    {
        using var client = _app.CreateBrowserLikeClient();
        var response = await client.GetAsync("/api/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

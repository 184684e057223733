using System.Net;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Infrastructure.Telemetry;

namespace PharmacyPos.Tests.Infrastructure.Telemetry;

/// <summary>On premises Prometheus scrapes the till; only the monitoring network may read it, and without one it is not there.</summary>
public class PrometheusEndpointTests
{
    [Theory]
    [InlineData("127.0.0.0/8", true)]
    [InlineData("10.20.0.0/24", false)]
    public async Task Metrics_are_served_only_to_the_monitoring_network(string network, bool served)
    {
        await using var app = new PosAppFactory
        {
            Settings = new Dictionary<string, string?> { [$"{MonitoringOptions.SectionName}:PrometheusNetworks:0"] = network },
        };
        var address = app.StartOnKestrel();
        // Not following redirects: a refused scrape may be sent to the sign-in page, which answers 200.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var response = await client.GetAsync($"{address}{MonitoringOptions.PrometheusPath}");

        if (served)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        }
        else
        {
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_a_monitoring_network_there_is_no_metrics_endpoint()
    {
        await using var app = new PosAppFactory();
        var address = app.StartOnKestrel();
        // Not following redirects: a refused scrape may be sent to the sign-in page, which answers 200.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var response = await client.GetAsync($"{address}{MonitoringOptions.PrometheusPath}");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

using System.Text.RegularExpressions;
using PharmacyPos.Web.Infrastructure.Telemetry;

namespace PharmacyPos.Tests.Deployment;

/// <summary>
/// The alerts and the workbook in infra/modules/alerts.bicep, compiled, read only metrics the app publishes: every
/// metric name they use is one of <see cref="PosMetrics"/>'s, so renaming a metric in the code without the alert
/// (or an alert on a metric nobody emits) fails the build.
/// </summary>
public partial class AlertMetricTests
{
    private static readonly CompiledTemplate Alerts = CompiledTemplate.Main.Module("alerts");

    /// <summary>What a query may name: the published metrics, the checkout operation, and the pool's state attribute.</summary>
    private static readonly HashSet<string> Known =
        [.. PosMetrics.Published, PosMetrics.CheckoutActivity, PosMetrics.DatabaseConnectionStateTag];

    [Fact]
    public void Every_metric_an_alert_or_the_workbook_names_is_one_the_app_publishes()
    {
        var named = MetricName().Matches(Alerts.Template.GetRawText()).Select(m => m.Value).ToHashSet();

        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.Contains(name, Known));
    }

    [Fact]
    public void Each_log_alert_lists_the_metrics_its_query_reads()
    {
        foreach (var alert in Alerts.Variable("logAlerts").EnumerateArray())
        {
            var query = alert.GetProperty("query").GetString()!;
            var listed = alert.GetProperty("metrics").EnumerateArray().Select(m => m.GetString()!).ToList();
            Assert.All(listed, m => Assert.Contains(m, Known));
            Assert.All(listed, m => Assert.Contains($"\"{m}\"", query, StringComparison.Ordinal));
            Assert.Equal(listed.Order(), MetricName().Matches(query).Select(m => m.Value)
                .Where(n => n != PosMetrics.DatabaseConnectionStateTag).Distinct().Order());
        }
    }

    [Theory]
    [InlineData("checkout-error-rate", PosMetrics.SalesRefused)]
    [InlineData("checkout-error-rate", PosMetrics.SalesCommitted)]
    [InlineData("checkout-p95", PosMetrics.CheckoutActivity)]
    [InlineData("app-pool", PosMetrics.DatabaseConnections)]
    [InlineData("app-pool", PosMetrics.DatabaseConnectionsMax)]
    [InlineData("app-disk", PosMetrics.DiskUsed)]
    [InlineData("audit-chain-lag", PosMetrics.AuditChainLag)]
    [InlineData("archive-lag", PosMetrics.AuditArchiveLag)]
    public void The_till_alerts_read_the_till_metrics(string alert, string metric)
    {
        var rule = Alerts.Variable("logAlerts").EnumerateArray().Single(a => a.GetProperty("name").GetString() == alert);
        Assert.Contains(metric, rule.GetProperty("metrics").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public void The_checkout_error_rate_counts_refusals_by_error_only()
    {
        var rule = Alerts.Variable("logAlerts").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "checkout-error-rate");
        Assert.Contains($"reason == \"{PosMetrics.RefusedByError}\"", rule.GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.Contains($"customDimensions.{PosMetrics.ReasonTag}", rule.GetProperty("query").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_workbook_shows_the_checkout_percentiles_and_sales_per_second()
    {
        var workbook = Alerts.Resource("Microsoft.Insights/workbooks");
        var queries = string.Join('\n', Alerts.Variable("workbookQueries").EnumerateArray().Select(q => q.GetProperty("query").GetString()));
        Assert.Equal("shared", workbook.GetProperty("kind").GetString());
        foreach (var percentile in new[] { "50", "95", "99" })
            Assert.Contains($"percentile(duration, {percentile})", queries, StringComparison.Ordinal);
        Assert.Contains($"\"{PosMetrics.SalesCommitted}\"", queries, StringComparison.Ordinal);
        Assert.Contains($"\"{PosMetrics.DatabaseConnections}\"", queries, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b(?:pos|db\.client)\.[a-z_]+(?:\.[a-z_]+)*")]
    private static partial Regex MetricName();
}

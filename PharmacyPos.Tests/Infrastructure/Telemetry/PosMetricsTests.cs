using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Tests.Features.Counter;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Checkout;
using PharmacyPos.Web.Infrastructure.Payments;
using PharmacyPos.Web.Infrastructure.Persistence;
using PharmacyPos.Web.Infrastructure.Telemetry;

namespace PharmacyPos.Tests.Infrastructure.Telemetry;

/// <summary>The till's metrics are emitted where the work happens, under the names the alerts query.</summary>
public class PosMetricsTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_checkout_emits_its_commit_latency_and_counts_sales_committed_and_refused(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        using var metrics = new MetricsRecorder();
        var cart = CounterStore.PaidInCash(store.Sale("R1", (store.Ibuprofen, 1)));
        var tooMany = CounterStore.PaidInCash(store.Sale("R2", (store.Ibuprofen, 1)));

        await store.Checkout().CompleteAsync(cart, store.Cashier);
        await Assert.ThrowsAsync<DomainException>(() => store.Checkout(new RefusingStep()).CompleteAsync(tooMany, store.Cashier));

        Assert.True(metrics.Sum(PosMetrics.SalesCommitted) >= 1);
        Assert.True(metrics.Sum(PosMetrics.SalesRefused, PosMetrics.ReasonTag, PosMetrics.RefusedByRule) >= 1);
        Assert.True(metrics.Of(PosMetrics.CheckoutDuration).Count >= 2);
        Assert.All(metrics.Of(PosMetrics.CheckoutDuration), m => Assert.True(m.Value >= 0));
        if (provider == DatabaseProvider.PostgreSql)
        {
            // Npgsql's pool gauges, which the pool alert divides: used connections over the pool's maximum.
            metrics.Observe();
            Assert.Contains(metrics.Of(PosMetrics.DatabaseConnections), m => m.Tags.ContainsKey(PosMetrics.DatabaseConnectionStateTag));
            Assert.Contains(metrics.Of(PosMetrics.DatabaseConnectionsMax), m => m.Value > 0);
        }
    }

    [Fact]
    public async Task Card_terminal_calls_and_declines_are_counted_with_their_outcome()
    {
        using var metrics = new MetricsRecorder();
        var terminal = new MeteredPaymentTerminal(new SimulatedPaymentTerminal(new FakeTimeProvider()));
        var sale = Guid.NewGuid();

        // The simulated terminal declines amounts ending in .13 cents.
        var declined = await terminal.ChargeAsync(new CardPaymentRequest($"{sale}-1", sale, "R9", 12.13m, false), default);
        var approved = await terminal.ChargeAsync(new CardPaymentRequest($"{sale}-2", sale, "R9", 12.00m, false), default);

        Assert.Equal(CardPaymentOutcome.Declined, declined.Outcome);
        Assert.Equal(CardPaymentOutcome.Approved, approved.Outcome);
        Assert.Contains(metrics.Of(PosMetrics.CardDeclines), m => Equals(m.Tags[PosMetrics.OperationTag], "charge"));
        Assert.Contains(metrics.Of(PosMetrics.CardTerminalCalls), m => Equals(m.Tags[PosMetrics.OutcomeTag], "approved"));
    }

    [Fact]
    public void A_scan_is_timed()
    {
        using var metrics = new MetricsRecorder();
        using (PosMetrics.TimeScan())
        {
        }
        Assert.NotEmpty(metrics.Of(PosMetrics.ScanDuration));
    }

    private sealed class RefusingStep : ISaleCommitStep
    {
        public Task ApplyAsync(SaleCommitContext context, CancellationToken cancellationToken) =>
            throw new DomainException("The logbook refuses this sale.");
    }
}

using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Tests.Domain.Audit;

public class AuditEventTests
{
    private static readonly AuditActor Cashier = new(Guid.CreateVersion7(), "Dana Reyes", "Cashier", AuditSamples.Branch, "R2");

    [Fact]
    public void Records_who_what_when_and_why()
    {
        var manager = new AuditActor(Guid.CreateVersion7(), "Sam Okafor", "Manager");
        var e = AuditEvent.Record(
            AuditSamples.Start, AuditEventTypes.PriceOverridden, Cashier, "SaleLine", "L-7",
            before: """{"price":"4.99"}""", after: """{"price":"3.99"}""", reason: "  Shelf tag shows 3.99 ", approvedBy: manager);

        Assert.Equal(0, e.Sequence);
        Assert.Equal("Dana Reyes", e.UserName);
        Assert.Equal("R2", e.Register);
        Assert.Equal("Shelf tag shows 3.99", e.Reason);
        Assert.Equal(manager.UserId, e.ApprovedByUserId);
        Assert.Equal("Sam Okafor", e.ApprovedByName);
        Assert.Equal(TimeSpan.Zero, e.OccurredAt.Offset);
    }

    [Theory]
    [InlineData(AuditEventTypes.SaleVoided)]
    [InlineData(AuditEventTypes.LineVoided)]
    [InlineData(AuditEventTypes.RefundIssued)]
    [InlineData(AuditEventTypes.PriceOverridden)]
    [InlineData(AuditEventTypes.StockAdjusted)]
    [InlineData(AuditEventTypes.ComplianceOverride)]
    public void Refuses_a_void_refund_override_or_adjustment_without_a_reason(string eventType)
    {
        var error = Assert.Throws<DomainException>(() =>
            AuditEvent.Record(AuditSamples.Start, eventType, Cashier, "Sale", "S-1", reason: "   "));
        Assert.Contains("reason", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sale_needs_no_reason() =>
        Assert.Null(AuditEvent.Record(AuditSamples.Start, AuditEventTypes.SaleCompleted, Cashier, "Sale", "S-1").Reason);

    [Theory]
    [InlineData("")]
    [InlineData("SaleDeleted")]
    [InlineData("salecompleted")]
    public void Refuses_an_unknown_event_type(string eventType) =>
        Assert.Throws<DomainException>(() => AuditEvent.Record(AuditSamples.Start, eventType, Cashier, "Sale"));

    [Fact]
    public void Refuses_a_record_without_the_name_of_who_acted() =>
        Assert.Throws<DomainException>(() => new AuditActor(null, "  ", "Cashier"));

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Refuses_before_values_that_are_not_a_json_object(string before) =>
        Assert.Throws<DomainException>(() =>
            AuditEvent.Record(AuditSamples.Start, AuditEventTypes.PolicyChanged, Cashier, "BranchPolicy", before: before));

    [Fact]
    public void Refuses_a_dea_schedule_that_does_not_exist() =>
        Assert.Throws<DomainException>(() =>
            AuditEvent.Record(AuditSamples.Start, AuditEventTypes.ControlledSubstanceSold, Cashier, "Sale", deaSchedule: 1));

    [Fact]
    public void Keeps_time_in_utc_to_the_microsecond_so_every_database_returns_it_unchanged()
    {
        var local = new DateTimeOffset(2025, 3, 14, 10, 9, 26, TimeSpan.FromHours(-5)).AddTicks(1_234_567);
        var e = AuditEvent.Record(local, AuditEventTypes.SignIn, Cashier, "User");

        Assert.Equal(TimeSpan.Zero, e.OccurredAt.Offset);
        Assert.Equal(local.UtcTicks - 7, e.OccurredAt.UtcTicks);
    }

    [Fact]
    public void Every_event_type_is_listed_once() =>
        Assert.Equal(AuditEventTypes.All.Count, AuditEventTypes.All.Distinct(StringComparer.Ordinal).Count());
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Counter;

/// <summary>A manager approves a price change at the cashier's register; the audit record names them.</summary>
public class PriceChangeTests
{
    private const string Password = "Manager-Test-1";

    private static async Task<(StaffUser Manager, StaffUser Cashier)> StaffAsync(IServiceProvider app, Guid branchId)
    {
        await using var scope = app.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in StaffRole.All)
            await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        async Task<StaffUser> Make(string name, string role)
        {
            var user = new StaffUser { UserName = name, DisplayName = name, HomeBranchId = branchId };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            return user;
        }
        return (await Make("t-manager", StaffRole.Manager), await Make("t-cashier", StaffRole.Cashier));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_managers_password_approves_a_price_change_and_the_audit_record_names_the_manager(DatabaseProvider provider)
    {
        await using var store = await CounterStore.CreateAsync(provider);
        var app = store.App();
        var (manager, _) = await StaffAsync(app, store.Branch.Id);
        var approval = app.GetRequiredService<PriceChangeApproval>();

        Assert.Equal(PriceChangeApproval.NotApproved, (await approval.ApproveAsync("t-manager", "wrong-password", store.Branch.Id)).Refusal);
        Assert.Equal("t-cashier is not a manager; a manager must approve a price change.",
            (await approval.ApproveAsync("t-cashier", Password, store.Branch.Id)).Refusal);
        Assert.Equal("Only a manager of this branch can approve a price change.",
            (await approval.ApproveAsync("t-manager", Password, Guid.CreateVersion7())).Refusal);
        var approved = await approval.ApproveAsync("t-manager", Password, store.Branch.Id);
        Assert.Equal(manager.Id, approved.ManagerId);

        var session = app.CreateScope().ServiceProvider.GetRequiredService<RegisterSession>();
        await session.StartAsync(RegisterSessionTests.Cashier(store));
        await session.ScanAsync(store.Bandages.Gtin.Value);
        var line = session.Sale.ActiveLines.Single();
        Assert.True(await session.OverridePriceAsync(line.Id, 3.00m, "Shelf tag says $3.00", approved.ManagerId!.Value));
        Assert.Equal(3.00m, session.Sale.Subtotal.Amount);
        Assert.True(await session.PayCashAsync("5"));

        await using var db = store.Database.CreateDbContext();
        var audit = await db.Set<AuditEvent>().SingleAsync(e => e.EventType == AuditEventTypes.PriceOverridden);
        Assert.Equal(manager.Id, audit.ApprovedByUserId);
        Assert.Equal("t-manager", audit.ApprovedByName);
        Assert.Equal("Shelf tag says $3.00", audit.Reason);
        Assert.Equal(3.00m, (await db.Set<Sale>().SingleAsync()).Lines.Single().PriceOverride!.UnitPrice.Amount);
    }
}

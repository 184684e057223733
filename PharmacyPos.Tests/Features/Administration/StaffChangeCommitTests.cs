using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Administration.Staff;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Identity;
using PharmacyPos.Web.Infrastructure.Persistence;

namespace PharmacyPos.Tests.Features.Administration;

/// <summary>A staff change and its audit record commit together, and the change renews the security stamp.</summary>
public class StaffChangeCommitTests
{
    private const string NewPassword = "New-Cashier-Pass-9";

    /// <summary>An audit trail whose write fails, as a full disk or a lost connection would make it.</summary>
    private sealed class FailingAuditTrail : IAuditTrail
    {
        public AuditEvent Stage(PosDbContext db, AuditActor actor, AuditEntry entry) =>
            throw new DbUpdateException("The audit record could not be written.");

        public Task RecordAsync(AuditActor actor, AuditEntry entry, CancellationToken cancellationToken = default) =>
            throw new DbUpdateException("The audit record could not be written.");
    }

    private sealed record StaffState(string Role, Guid HomeBranchId, bool Active, string? PasswordHash, string? SecurityStamp);

    public static TheoryData<DatabaseProvider, string> ProvidersAndChanges()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
            foreach (var change in new[] { "role", "branch", "password", "deactivation" })
                data.Add(provider, change);
        return data;
    }

    private static Task<StaffAdministration.Result> ApplyAsync(StaffAdministration staff, StaffAdministrationTests.Harness h, Guid cashier, string change) => change switch
    {
        "role" => staff.ChangeRoleAndBranchAsync(h.Admin, cashier, StaffRole.Manager, h.Main.Id),
        "branch" => staff.ChangeRoleAndBranchAsync(h.Admin, cashier, StaffRole.Cashier, h.Riverside.Id),
        "password" => staff.ResetPasswordAsync(h.Admin, cashier, NewPassword),
        "deactivation" => staff.SetActiveAsync(h.Admin, cashier, active: false),
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    private static Task<StaffState> StateAsync(StaffAdministrationTests.Harness h, string userName) => h.WithUsers(async users =>
    {
        var user = (await users.FindByNameAsync(userName))!;
        return new StaffState((await users.GetRolesAsync(user)).Single(), user.HomeBranchId, user.Active, user.PasswordHash, user.SecurityStamp);
    });

    private static StaffAdministration WithFailingAudit(StaffAdministrationTests.Harness h) =>
        new(h.Services.GetRequiredService<IServiceScopeFactory>(), h.Database.Factory,
            h.Services.GetRequiredService<IPasswordHasher<RegisterPin>>(), new FailingAuditTrail());

    [Theory]
    [MemberData(nameof(ProvidersAndChanges))]
    public async Task Staff_change_is_undone_when_its_audit_record_cannot_be_written(DatabaseProvider provider, string change)
    {
        await using var h = await StaffAdministrationTests.StartAsync(provider);
        var before = await StateAsync(h, "cashier");
        var cashier = await h.WithUsers(async users => (await users.FindByNameAsync("cashier"))!.Id);

        await Assert.ThrowsAsync<DbUpdateException>(() => ApplyAsync(WithFailingAudit(h), h, cashier, change));

        Assert.Equal(before, await StateAsync(h, "cashier"));
        Assert.Empty(await h.UserChangesAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task New_member_of_staff_is_not_created_when_the_audit_record_cannot_be_written(DatabaseProvider provider)
    {
        await using var h = await StaffAdministrationTests.StartAsync(provider);
        var count = await h.WithUsers(users => users.Users.CountAsync());

        await Assert.ThrowsAsync<DbUpdateException>(() => WithFailingAudit(h).CreateAsync(h.Admin,
            new StaffAdministration.NewStaff("tech1", "Taylor Technician", StaffRole.Cashier, h.Riverside.Id, "Floor-Staff-2026", "482913")));

        Assert.Equal(count, await h.WithUsers(users => users.Users.CountAsync()));
        Assert.Null(await h.WithUsers(users => users.FindByNameAsync("tech1")));
    }

    [Theory]
    [MemberData(nameof(ProvidersAndChanges))]
    public async Task Staff_change_renews_the_security_stamp_and_is_recorded(DatabaseProvider provider, string change)
    {
        await using var h = await StaffAdministrationTests.StartAsync(provider);
        var before = await StateAsync(h, "cashier");
        var cashier = await h.WithUsers(async users => (await users.FindByNameAsync("cashier"))!.Id);

        var result = await ApplyAsync(h.Staff, h, cashier, change);

        Assert.True(result.Succeeded, result.Error);
        var after = await StateAsync(h, "cashier");
        Assert.NotEqual(before.SecurityStamp, after.SecurityStamp);
        Assert.Single(await h.UserChangesAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_refused_change_leaves_the_member_of_staff_and_the_stamp_as_they_were(DatabaseProvider provider)
    {
        await using var h = await StaffAdministrationTests.StartAsync(provider);
        var before = await StateAsync(h, "cashier");
        var cashier = await h.WithUsers(async users => (await users.FindByNameAsync("cashier"))!.Id);

        var result = await h.Staff.ResetPasswordAsync(h.Admin, cashier, "short");

        Assert.False(result.Succeeded);
        Assert.Equal(before, await StateAsync(h, "cashier"));
        Assert.Empty(await h.UserChangesAsync());
    }
}

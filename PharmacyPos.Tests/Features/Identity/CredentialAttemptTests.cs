using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Tests.TestInfrastructure;
using PharmacyPos.Web.Features.Counter.Register;
using PharmacyPos.Web.Features.Pharmacy.Components;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Tests.Features.Identity;

/// <summary>Sign-in and the approval dialogs are limited per client and per user name; approvals never lock an approver out.</summary>
public sealed class CredentialAttemptTests : IDisposable
{
    private readonly PosAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private IPharmacistApprover Pharmacists => _app.Services.GetRequiredService<IPharmacistApprover>();

    private static string Register(int n) => CredentialAttempts.RegisterClient(Guid.Empty, $"R{n}");

    private async Task<string> ApproveAsync(string userName, string password, string client)
    {
        try
        {
            var (_, name) = await Pharmacists.IdentifyAsync(userName, password, client);
            return name;
        }
        catch (DomainException refused)
        {
            return refused.Message;
        }
    }

    [Fact]
    public async Task Wrong_approval_passwords_do_not_lock_the_pharmacist_out()
    {
        for (var i = 0; i < CredentialAttempts.FailuresPerClient; i++)
            Assert.NotEqual("pharmacist", await ApproveAsync("pharmacist", "wrong-password", Register(1)));

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var pharmacist = (await users.FindByNameAsync("pharmacist"))!;
            Assert.False(await users.IsLockedOutAsync(pharmacist));
            Assert.Equal(0, await users.GetAccessFailedCountAsync(pharmacist));
        }
        using var client = _app.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PosAppFactory.SignInAsync(client, "pharmacist", "Pharmacist-Demo-1")).StatusCode);
        Assert.Equal("pharmacist", await ApproveAsync("pharmacist", "Pharmacist-Demo-1", Register(2)));
    }

    [Fact]
    public async Task Approvals_are_limited_per_register()
    {
        for (var i = 0; i < CredentialAttempts.FailuresPerClient; i++)
            await ApproveAsync("pharmacist", $"guess-{i}", Register(1));

        // Even the right password is refused unchecked at that register; another register is not held up.
        Assert.Equal(CredentialAttempts.TooMany, await ApproveAsync("pharmacist", "Pharmacist-Demo-1", Register(1)));
        Assert.Equal("pharmacist", await ApproveAsync("pharmacist", "Pharmacist-Demo-1", Register(2)));
    }

    [Fact]
    public async Task Approvals_are_limited_per_user_name_across_registers()
    {
        for (var i = 0; i < CredentialAttempts.FailuresPerUserName; i++)
            await ApproveAsync("pharmacist", $"guess-{i}", Register(i / (CredentialAttempts.FailuresPerClient - 1)));

        Assert.Equal(CredentialAttempts.TooMany, await ApproveAsync("pharmacist", "Pharmacist-Demo-1", Register(99)));
        Assert.Equal("pharmacist2", await ApproveAsync("pharmacist2", "Pharmacist-Demo-2", Register(99)));
    }

    [Fact]
    public async Task Manager_price_approvals_share_the_limit_and_do_not_lock_the_manager_out()
    {
        var approval = _app.Services.GetRequiredService<PriceChangeApproval>();
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var manager = (await users.FindByNameAsync("manager"))!;

        for (var i = 0; i < CredentialAttempts.FailuresPerClient; i++)
            Assert.Equal(PriceChangeApproval.NotApproved, (await approval.ApproveAsync("manager", "wrong-password", manager.HomeBranchId, Register(1))).Refusal);

        Assert.Equal(CredentialAttempts.TooMany, (await approval.ApproveAsync("manager", "Manager-Demo-1", manager.HomeBranchId, Register(1))).Refusal);
        Assert.Equal(manager.Id, (await approval.ApproveAsync("manager", "Manager-Demo-1", manager.HomeBranchId, Register(2))).ManagerId);
        Assert.False(await users.IsLockedOutAsync((await users.FindByNameAsync("manager"))!));
    }

    [Fact]
    public async Task A_user_name_that_matches_nobody_is_not_stored_as_typed()
    {
        using var client = _app.CreateBrowserLikeClient();
        await PosAppFactory.SignInAsync(client, "Pharmacist-Demo-1", "Pharmacist-Demo-1");

        var failed = Assert.Single(await SignedInSession.AuditAsync(_app, AuditEventTypes.SignInFailed));
        Assert.Equal(StaffSignIn.UnknownUser, failed.UserName);
        foreach (var text in new[] { failed.UserName, failed.Reason, failed.EntityId, failed.Before, failed.After })
            Assert.DoesNotContain("Pharmacist-Demo-1", text ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_from_one_device_is_refused_unchecked_and_unaudited_after_repeated_failures()
    {
        using var client = _app.CreateBrowserLikeClient();
        for (var i = 0; i < CredentialAttempts.FailuresPerClient; i++)
            await PosAppFactory.SignInAsync(client, $"nobody-{i}", "wrong-password");

        var refused = await PosAppFactory.SignInAsync(client, "manager", "Manager-Demo-1");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(CredentialAttempts.TooMany), await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(CredentialAttempts.FailuresPerClient, (await SignedInSession.AuditAsync(_app, AuditEventTypes.SignInFailed)).Count);
    }

    [Fact]
    public async Task Sign_in_form_posts_are_rate_limited_per_device()
    {
        using var client = _app.CreateBrowserLikeClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= SignInRateLimit.PostsPerMinute; i++)
            answers.Add((await PosAppFactory.SignInAsync(client, "nobody", "wrong-password")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }
}

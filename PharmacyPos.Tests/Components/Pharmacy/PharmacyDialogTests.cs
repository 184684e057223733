using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Features.Pharmacy.Components;

namespace PharmacyPos.Tests.Components.Pharmacy;

/// <summary>The counter's pharmacy dialogs, rendered as the register shows them (through the dialog service).</summary>
public sealed class PharmacyDialogTests : BunitContext, IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services dispose only asynchronously.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private static readonly DateOnly Today = new(2026, 3, 10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 17, 0, 0, TimeSpan.Zero));
    private readonly Branch _branch = new("BR-001", "Main Street", "100 Main St", "TX", "America/Chicago");

    public PharmacyDialogTests()
    {
        Services.AddMudServices();
        Services.AddSingleton<TimeProvider>(_time);
        Services.AddSingleton<IPharmacistApprover>(new KnownPharmacists());
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync<T>(DialogParameters<T> parameters) where T : ComponentBase
    {
        var provider = Render<MudDialogProvider>();
        var service = Services.GetRequiredService<IDialogService>();
        IDialogReference? dialog = null;
        await provider.InvokeAsync(async () => dialog = await service.ShowAsync<T>("", parameters));
        return (provider, dialog!);
    }

    private static void Type(IRenderedComponent<MudDialogProvider> provider, string testId, string value) =>
        provider.Find($"input[data-testid={testId}], [data-testid={testId}] input").Change(value);

    [Fact]
    public async Task Photo_id_with_a_future_date_of_birth_is_refused_with_the_domains_words()
    {
        var (provider, dialog) = await ShowAsync(new DialogParameters<PhotoIdDialog> { { x => x.Today, Today } });
        Type(provider, "id-number", "D1234567");
        Type(provider, "id-issued-by", "TX");
        Type(provider, "id-dob", "2030-01-01");
        Type(provider, "id-name", "Sam Buyer");
        Type(provider, "id-address", "1 Elm St, Austin, TX");

        provider.Find("[data-testid=id-accept]").Click();

        Assert.Equal("The ID's date of birth is in the future; check the ID.", provider.Find("[data-testid=id-error]").TextContent.Trim());
        Assert.False(dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task Photo_id_filled_in_is_handed_back()
    {
        var (provider, dialog) = await ShowAsync(new DialogParameters<PhotoIdDialog> { { x => x.Today, Today } });
        Type(provider, "id-number", "d 123-4567");
        Type(provider, "id-issued-by", "tx");
        Type(provider, "id-dob", "1980-05-01");
        Type(provider, "id-name", "Sam Buyer");
        Type(provider, "id-address", "1 Elm St, Austin, TX");
        Type(provider, "id-expires", "2028-05-01");

        provider.Find("[data-testid=id-accept]").Click();

        var id = Assert.IsType<PhotoId>((await dialog.Result)!.Data);
        Assert.Equal(("D 123-4567", "TX", new DateOnly(1980, 5, 1)), (id.Number, id.IssuedBy, id.DateOfBirth));
    }

    [Theory]
    [InlineData("2005-03-11", false, "The purchaser is 20; this item is sold only to people 21 or older")]
    [InlineData("2005-03-10", true, "Age 21 on 03/10/2026: old enough.")]
    public async Task Age_check_counts_the_age_on_the_branchs_date_and_shows_pass_or_fail(string dateOfBirth, bool passed, string shown)
    {
        var (provider, dialog) = await ShowAsync(new DialogParameters<AgeCheckDialog>
        {
            { x => x.ProductName, "Nicotine gum" }, { x => x.MinimumAge, 21 }, { x => x.Branch, _branch }, { x => x.CheckedBy, Guid.CreateVersion7() },
        });

        Type(provider, "age-dob", dateOfBirth);

        Assert.StartsWith(shown, provider.Find("[data-testid=age-result]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(!passed, provider.Find("[data-testid=age-accept]").HasAttribute("disabled"));
        Assert.Equal(!passed, provider.FindAll("[data-testid=age-refuse]").Count == 1);
        if (passed)
        {
            provider.Find("[data-testid=age-accept]").Click();
            Assert.True(Assert.IsType<AgeCheck>((await dialog.Result)!.Data).Passed);
        }
        else
        {
            // Refused: the failed check goes back to the register, which shows its reason and keeps it with the sale.
            provider.Find("[data-testid=age-refuse]").Click();
            var refused = Assert.IsType<AgeCheck>((await dialog.Result)!.Data);
            Assert.False(refused.Passed);
            Assert.StartsWith(shown, refused.Decision.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Age_check_refuses_a_future_date_of_birth()
    {
        var (provider, _) = await ShowAsync(new DialogParameters<AgeCheckDialog>
        {
            { x => x.ProductName, "Nicotine gum" }, { x => x.MinimumAge, 21 }, { x => x.Branch, _branch }, { x => x.CheckedBy, Guid.CreateVersion7() },
        });

        Type(provider, "age-dob", "2027-01-01");

        Assert.Equal("The date of birth is in the future; check the ID.", provider.Find("[data-testid=age-error]").TextContent.Trim());
    }

    [Fact]
    public async Task Pharmacist_approval_turns_the_decision_into_an_approval_by_that_pharmacist()
    {
        var decision = ComplianceDecision.NeedsApproval(StaffRole.Pharmacist, "Codeine syrup (C-V) is sold without a prescription only by a pharmacist; call the pharmacist to approve it.");
        var (provider, dialog) = await ShowAsync(new DialogParameters<PharmacistApprovalDialog> { { x => x.Decision, decision } });
        Assert.Equal(decision.Reason, provider.Find("[data-testid=approval-reason]").TextContent.Trim());

        Type(provider, "approver-name", "cashier");
        Type(provider, "approver-password", "Cashier-Demo-1");
        provider.Find("[data-testid=approve]").Click();
        Assert.Equal("Casey Cashier is not a pharmacist; only a pharmacist can approve this.", provider.Find("[data-testid=approval-error]").TextContent.Trim());

        Type(provider, "approver-name", "pharmacist");
        Type(provider, "approver-password", "Pharmacist-Demo-1");
        provider.Find("[data-testid=approve]").Click();

        var approval = Assert.IsType<ComplianceApproval>((await dialog.Result)!.Data);
        Assert.Equal((KnownPharmacists.PharmacistId, StaffRole.Pharmacist, decision), (approval.ApproverId, approval.ApproverRole, approval.Decision));
    }

    /// <summary>Stands in for the user store: the real one is exercised by the app tests.</summary>
    private sealed class KnownPharmacists : IPharmacistApprover
    {
        public static readonly Guid PharmacistId = Guid.CreateVersion7();

        public Task<(Guid Id, string UserName)> IdentifyAsync(string? userName, string? password, string client, CancellationToken ct = default) =>
            (userName, password) switch
            {
                ("pharmacist", "Pharmacist-Demo-1") => Task.FromResult((PharmacistId, "pharmacist")),
                ("cashier", "Cashier-Demo-1") => throw new DomainException("Casey Cashier is not a pharmacist; only a pharmacist can approve this."),
                _ => throw new DomainException("That user name and password do not match a pharmacist; try again."),
            };
    }
}

using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Pricing;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Features.Counter.Register;

namespace PharmacyPos.Tests.Components.Counter;

/// <summary>The payment dialog offers to give the payment back only when a sale holding payments could not be completed.</summary>
public sealed class PaymentDialogTests : BunitContext, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public PaymentDialogTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static Sale PaidByCard(decimal card)
    {
        var branch = new Branch("BR-001", "Main Street", "100 Main St", "TX", "America/Chicago");
        var sale = new Sale(Guid.CreateVersion7(), "S-1", branch.Id, "R1", Guid.CreateVersion7(), Now);
        sale.AddLine(new Product(Gtin.FromBody("08123410001"), "Adhesive Bandages, 30 ct", "First aid", TaxClass.Standard, Money.Of(4.29m)), 1, branch);
        sale.ApplyPromotions(PricingEngine.WithoutPromotions, Now);
        if (card > 0)
            sale.AddApprovedCardTender(TenderKind.Card, card, "Visa", "4242", "A1", "TX-1");
        return sale;
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync(Sale sale, string? error)
    {
        var provider = Render<MudDialogProvider>();
        IDialogReference? dialog = null;
        await provider.InvokeAsync(async () => dialog = await Services.GetRequiredService<IDialogService>().ShowAsync<PaymentDialog>("Payment",
            new DialogParameters<PaymentDialog> { { d => d.Sale, sale }, { d => d.Error, error } }));
        return (provider, dialog!);
    }

    [Fact]
    public async Task A_refused_commit_with_a_card_on_the_sale_offers_to_give_the_payment_back()
    {
        var (provider, dialog) = await ShowAsync(PaidByCard(2m), "Only 4 of Loratadine left in stock.");

        provider.Find("[data-testid=give-back]").Click();

        var result = await dialog.Result;
        Assert.True(Assert.IsType<PaymentDialog.Choice>(result!.Data).GiveBack);
    }

    [Theory]
    [InlineData(0, "The card was declined.")]
    [InlineData(2, null)]
    public async Task No_give_back_without_both_a_payment_and_a_refusal(decimal card, string? error)
    {
        var (provider, _) = await ShowAsync(PaidByCard(card), error);

        Assert.Empty(provider.FindAll("[data-testid=give-back]"));
        Assert.NotEmpty(provider.FindAll("[data-testid=pay-card]"));
    }
}

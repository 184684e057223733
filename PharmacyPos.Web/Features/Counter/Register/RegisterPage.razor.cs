using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Features.Catalog.Products;

namespace PharmacyPos.Web.Features.Counter.Register;

/// <summary>
/// The register: one scan box that always has the focus, the sale's lines and totals, and the keys that act on
/// them. The sale itself lives in <see cref="RegisterSession"/>; this page turns keys into its commands and dialogs.
/// </summary>
public sealed partial class RegisterPage
{
    /// <summary>How often the screen says it is there and looks whether another screen took the register over.</summary>
    private static readonly TimeSpan HoldCheckedEvery = TimeSpan.FromSeconds(3);

    private static readonly DialogOptions Small = new() { CloseOnEscapeKey = true, MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, BackdropClick = false };

    private ScanBox? _scanBox;
    private IReadOnlyList<ProductSearch.Row> _choices = [];
    private int _choice;
    private bool _busy;
    private bool _dialogOpen;
    private string? _startError;
    private ITimer? _holdCheck;

    [Inject] private RegisterSession Session { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private Pharmacy.Counter.PickupAtCounter Pickup { get; set; } = default!;
    [Inject] private Pharmacy.Counter.CounterAsk PharmacyDialogs { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Session.Changed += OnSessionChanged;
        _holdCheck = Time.CreateTimer(_ => _ = InvokeAsync(CheckHoldAsync), null, HoldCheckedEvery, HoldCheckedEvery);
        if (Session.Started)
            return;
        try
        {
            await Session.StartAsync((await Auth).User);
        }
        catch (DomainException ex)
        {
            _startError = ex.Message;
        }
    }

    /// <summary>Another screen may have taken the register over: this one is then locked, and says so.</summary>
    private async Task CheckHoldAsync()
    {
        try
        {
            await Session.PollHoldAsync();
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // The database did not answer this time; the next round asks again, and every write checks the hold itself.
        }
    }

    private async Task TakeOverAsync()
    {
        try
        {
            await BusyAsync(() => Session.TakeOverAsync());
        }
        catch (DomainException ex)
        {
            Session.ShowRefusal(ex.Message);
        }
        StateHasChanged();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_dialogOpen && !PharmacyDialogs.Open && _scanBox is not null)
            await _scanBox.FocusAsync();
    }

    private void OnSessionChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        Session.Changed -= OnSessionChanged;
        _holdCheck?.Dispose();
    }

    private static Severity SeverityOf(CounterMessageKind kind) => kind switch
    {
        CounterMessageKind.Error => MudBlazor.Severity.Error,
        CounterMessageKind.Success => MudBlazor.Severity.Success,
        CounterMessageKind.Info => MudBlazor.Severity.Info,
    };

    /// <summary>Enter in the scan box. Enter on an empty box picks the highlighted search result.</summary>
    internal async Task OnScanAsync(string text)
    {
        if (_busy)
            return;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (_choices.Count > 0)
                await PickAsync(_choice);
            return;
        }
        await BusyAsync(async () =>
        {
            _choices = [];
            var outcome = await Session.ScanAsync(text);
            switch (outcome.Kind)
            {
                case ScanOutcomeKind.Choose:
                    _choices = outcome.Choices;
                    _choice = 0;
                    break;
                case ScanOutcomeKind.Receipt:
                    Navigation.NavigateTo($"/counter/returns?sale={Uri.EscapeDataString(outcome.SaleNumber!)}");
                    break;
                case ScanOutcomeKind.Pickup:
                    await PrescriptionsAsync(outcome.PickupCode);
                    break;
                case ScanOutcomeKind.Added:
                case ScanOutcomeKind.Refused:
                    break;
            }
        });
    }

    internal async Task OnKeyAsync(string key)
    {
        if (_busy || _dialogOpen)
            return;
        switch (key)
        {
            case "ArrowUp" or "ArrowDown":
                var step = key == "ArrowUp" ? -1 : 1;
                if (_choices.Count > 0)
                    _choice = Math.Clamp(_choice + step, 0, _choices.Count - 1);
                else
                    Session.SelectNext(step);
                break;
            case "Escape":
                _choices = [];
                Session.ClearMessage();
                break;
            case "+" or "-":
                if (Session.SelectedLine is { } line)
                    await BusyAsync(() => Session.ChangeQuantityAsync(line.Id, line.Quantity + (key == "+" ? 1 : -1)));
                break;
            case "F2": await QuantityAsync(); break;
            case "Delete": await RemoveLineAsync(); break;
            case "F4": await LineDiscountAsync(); break;
            case "F6": await BasketDiscountAsync(); break;
            case "F7": await OverridePriceAsync(); break;
            case "F8": await SuspendAsync(); break;
            case "F9": await ResumeAsync(); break;
            case "F3": await VoidSaleAsync(); break;
            case "F10": await PayAsync(); break;
            case "F11": await PrescriptionsAsync(null); break;
        }
        StateHasChanged();
    }

    private async Task PickAsync(int index)
    {
        if (index < 0 || index >= _choices.Count)
            return;
        var productId = _choices[index].Id;
        _choices = [];
        await BusyAsync(() => Session.AddProductAsync(productId));
    }

    private void SelectLine(Guid lineId) => Session.SelectedLineId = lineId;

    private async Task QuantityAsync()
    {
        if (SelectedOrSay() is not { } line)
            return;
        var quantity = await AskAsync<QuantityDialog, int>("Quantity", new DialogParameters<QuantityDialog>
        {
            { d => d.ItemName, line.Name },
            { d => d.Quantity, line.Quantity },
        });
        if (quantity is { } q)
            await BusyAsync(() => Session.ChangeQuantityAsync(line.Id, q));
    }

    private async Task RemoveLineAsync()
    {
        if (SelectedOrSay() is not { } line)
            return;
        var reason = await AskAsync<ReasonDialog, string>("Remove item", new DialogParameters<ReasonDialog>
        {
            { d => d.Prompt, $"Take {line.Name} off the sale?" },
            { d => d.Action, "Remove" },
        });
        if (reason is not null)
            await BusyAsync(() => Session.RemoveLineAsync(line.Id, reason));
    }

    private async Task LineDiscountAsync()
    {
        if (SelectedOrSay() is not { } line)
            return;
        var discount = await AskAsync<DiscountDialog, Discount>("Line discount", new DialogParameters<DiscountDialog>
        {
            { d => d.Prompt, $"Discount on {line.Name} ({line.AfterPromotion})" },
        });
        if (discount is not null)
            await BusyAsync(() => Session.DiscountLineAsync(line.Id, discount));
    }

    private async Task BasketDiscountAsync()
    {
        var discount = await AskAsync<DiscountDialog, Discount>("Sale discount", new DialogParameters<DiscountDialog>
        {
            { d => d.Prompt, $"Discount on the whole sale ({Session.Sale.Subtotal} before tax)" },
        });
        if (discount is not null)
            await BusyAsync(() => Session.DiscountBasketAsync(discount));
    }

    private async Task OverridePriceAsync()
    {
        if (SelectedOrSay() is not { } line)
            return;
        var approved = await AskAsync<PriceOverrideDialog, PriceOverrideDialog.Approved>("Price change", new DialogParameters<PriceOverrideDialog>
        {
            { d => d.ItemName, line.Name },
            { d => d.ListPrice, line.UnitPrice },
            { d => d.BranchId, Session.Branch.Id },
        });
        if (approved is not null)
            await BusyAsync(() => Session.OverridePriceAsync(line.Id, approved.UnitPrice, approved.Reason, approved.ManagerId));
    }

    /// <summary>F11 or a scanned bag label: the patient's ready prescriptions, counseling, then the fills on the sale.</summary>
    private async Task PrescriptionsAsync(string? code)
    {
        _dialogOpen = true;
        try
        {
            if (await Pickup.PickUpAsync(Session, code) is { } refusal)
                Session.ShowRefusal(refusal);
        }
        finally
        {
            _dialogOpen = false;
        }
    }

    private Task SuspendAsync() => BusyAsync(() => Session.SuspendAsync());

    private async Task ResumeAsync()
    {
        var waiting = await Session.SuspendedAsync();
        var saleId = await AskAsync<SuspendedSalesDialog, Guid>("Suspended sales", new DialogParameters<SuspendedSalesDialog> { { d => d.Sales, waiting } });
        if (saleId is { } id)
            await BusyAsync(() => Session.ResumeAsync(id));
    }

    private async Task VoidSaleAsync()
    {
        if (Session.Sale.Lines.Count == 0)
            return;
        var giveBack = Session.Sale.Tenders.Count > 0 ? $" Payments taken go back first: {Session.PaymentsToGiveBack}." : "";
        var reason = await AskAsync<ReasonDialog, string>("Void sale", new DialogParameters<ReasonDialog>
        {
            { d => d.Prompt, $"Void sale {Session.Sale.SaleNumber} ({Session.Sale.Total})? Nothing on it will be sold.{giveBack}" },
            { d => d.Action, "Void sale" },
        });
        if (reason is not null)
            await BusyAsync(() => Session.VoidSaleAsync(reason));
    }

    /// <summary>F10: payment starts here (the pharmacy checks run in the session), then tenders until nothing is due.</summary>
    private async Task PayAsync()
    {
        if (Session.LastCompleted is { } done && !Session.Sale.ActiveLines.Any())
        {
            Navigation.NavigateTo($"/counter/receipt/{done.SaleId}");
            return;
        }
        if (!await Session.StartPaymentAsync())
            return;
        string? error = null;
        string? amount = null;
        while (Session.Sale.ActiveLines.Any() && Session.LastCompleted?.SaleId != Session.Sale.Id)
        {
            var choice = await AskAsync<PaymentDialog, PaymentDialog.Choice>("Payment", new DialogParameters<PaymentDialog>
            {
                { d => d.Sale, Session.Sale },
                { d => d.PendingCard, Session.PendingCard },
                { d => d.Error, error },
                { d => d.Amount, amount },
            }, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false });
            if (choice is null)
                return;
            if (choice.GiveBack)
            {
                await VoidSaleAsync();
                if (Session.Sale.Tenders.Count == 0 || Session.Sale.Lines.Count == 0)
                    return;
                error = Session.Message?.Text;
                continue;
            }
            var saleId = Session.Sale.Id;
            var paid = false;
            await BusyAsync(async () => paid = choice.Kind == TenderKind.Cash
                ? await Session.PayCashAsync(choice.Amount)
                : await Session.PayCardAsync(choice.Amount, choice.Kind == TenderKind.FsaHsaCard));
            if (Session.Sale.Id != saleId)
                return;
            error = paid ? null : Session.Message?.Text;
            amount = paid ? null : choice.Amount;
        }
    }

    private SaleLine? SelectedOrSay()
    {
        if (Session.SelectedLine is { } line)
            return line;
        Session.SelectNext(0);
        return Session.SelectedLine;
    }

    private async Task<TResult?> AskAsync<TDialog, TResult>(string title, DialogParameters<TDialog> parameters, DialogOptions? options = null)
        where TDialog : IComponent
    {
        _dialogOpen = true;
        try
        {
            var dialog = await Dialogs.ShowAsync<TDialog>(title, parameters, options ?? Small);
            var result = await dialog.Result;
            return result is { Canceled: false, Data: TResult data } ? data : default;
        }
        finally
        {
            _dialogOpen = false;
        }
    }

    private async Task BusyAsync(Func<Task> work)
    {
        _busy = true;
        try
        {
            await work();
        }
        finally
        {
            _busy = false;
        }
    }
}

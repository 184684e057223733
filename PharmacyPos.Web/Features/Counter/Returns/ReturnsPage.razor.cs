using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using PharmacyPos.Domain.Catalog.Scanning;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Shared;
using PharmacyPos.Web.Features.Counter.History;
using PharmacyPos.Web.Features.Counter.Receipt;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Features.Counter.Returns;

public partial class ReturnsPage
{
    private const int MaxMatches = 10;

    [Inject] private SaleRecords Records { get; set; } = default!;
    [Inject] private SaleHistory History { get; set; } = default!;
    [Inject] private ReturnDesk Desk { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [SupplyParameterFromQuery(Name = "sale")] public string? SaleNumber { get; set; }

    private string _input = "";
    private string? _message;
    private List<SaleHistory.Row> _matches = [];
    private SaleRecord? _record;
    private Dictionary<Guid, ReturnChoice> _choices = [];
    private Guid _returnId;
    private string _reason = "";
    private RefundQuote? _quote;
    private string? _quoteError;
    private string? _commitError;
    private ReturnResult? _done;
    private SaleReturn? _pending;
    private bool _busy;

    protected override async Task OnParametersSetAsync()
    {
        if (!string.IsNullOrWhiteSpace(SaleNumber) && _record is null && _done is null)
        {
            _input = SaleNumber;
            await FindAsync();
        }
    }

    private async Task FindAsync()
    {
        _message = null;
        _matches = [];
        _done = null;
        var branch = (await Auth).User.BranchId();
        if (branch is not { } branchId)
        {
            _message = "Sign in at a branch to make a return.";
            return;
        }
        var code = ScannedCode.Interpret(_input);
        if (code.Kind == ScannedCodeKind.SaleNumber)
        {
            var record = await Records.FindByNumberAsync(code.SaleNumber!, branchId);
            if (record is null)
            {
                _message = $"No sale {code.SaleNumber} was made at this branch. Check the receipt, or search by customer or item.";
                return;
            }
            Open(record);
            return;
        }
        var text = _input.Trim();
        if (text.Length < 2)
        {
            _message = "Scan the receipt barcode, or type at least two letters of a customer's or an item's name.";
            return;
        }
        var byNumber = text.All(char.IsAsciiDigit) || (text.Length > 1 && text[0] is 'S' or 's' && text[1..].All(char.IsAsciiDigit));
        var filters = byNumber
            ? new[] { new SaleHistory.Filter { SaleNumber = text } }
            : [new SaleHistory.Filter { Customer = text }, new SaleHistory.Filter { Item = text }];
        var found = new List<SaleHistory.Row>();
        foreach (var filter in filters)
            found.AddRange((await History.SearchAsync(branchId, filter, 0, MaxMatches)).Rows);
        _matches = found.DistinctBy(r => r.Id).OrderByDescending(r => r.LocalTime).Take(MaxMatches).ToList();
        _record = null;
        if (_matches.Count == 0)
            _message = $"No sale at this branch matches \"{text}\".";
        else if (_matches.Count == 1)
            await OpenAsync(_matches[0].Id);
    }

    private async Task OpenAsync(Guid saleId)
    {
        var branch = (await Auth).User.BranchId();
        var record = branch is { } b ? await Records.FindAsync(saleId, b) : null;
        if (record is null)
        {
            _message = "That sale is not on record at this branch.";
            return;
        }
        Open(record);
    }

    /// <summary>
    /// The return screen opens: its id is made now, so repeated clicks on "Refund" commit it once. A return of this sale
    /// that is not finished (a declined card, a reload, another screen) is taken up again by its own id instead.
    /// </summary>
    private void Open(SaleRecord record)
    {
        _record = record;
        _matches = [];
        _choices = record.Sale.ActiveLines.ToDictionary(l => l.Id, _ => new ReturnChoice());
        _pending = record.Returns.Where(r => r.Status == ReturnStatus.Pending).OrderBy(r => r.ReturnedAt).FirstOrDefault();
        _returnId = _pending?.Id ?? Guid.CreateVersion7();
        _reason = _pending?.Reason ?? _reason;
        _commitError = null;
        _quote = null;
        _quoteError = null;
        _done = null;
    }

    private void Requote()
    {
        _quote = null;
        _quoteError = null;
        _commitError = null;
        var requests = Requests();
        if (_record is null || requests.Count == 0)
            return;
        try
        {
            _quote = SaleReturn.Quote(_record.Sale, _record.Returns, requests, _record.Branch.Policy.RefundApprovalThreshold);
        }
        catch (DomainException ex)
        {
            _quoteError = ex.Message;
        }
    }

    private List<ReturnRequest> Requests() =>
        _choices.Where(c => c.Value.Quantity != 0).Select(c => new ReturnRequest(c.Key, c.Value.Quantity, c.Value.Damaged)).ToList();

    private async Task CommitAsync()
    {
        if (_record is null || _quote is null || _busy)
            return;
        _busy = true;
        _commitError = null;
        try
        {
            ManagerCredentials? approval = null;
            if (_quote.RequiresManagerApproval)
            {
                var dialog = await Dialogs.ShowAsync<ManagerApprovalDialog>("Manager approval",
                    new DialogParameters<ManagerApprovalDialog> { { d => d.Message, $"A refund of {_quote.Total} needs a manager's approval." } },
                    new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseOnEscapeKey = true });
                var answer = await dialog.Result;
                if (answer is null || answer.Canceled || answer.Data is not ManagerCredentials credentials)
                    return;
                approval = credentials;
            }
            var user = (await Auth).User;
            await Finish(Desk.CommitAsync(new ReturnCommand(_returnId, _record.Sale.Id, Requests(), _reason, approval), user));
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Asks the terminal again for what has not gone through, under the same return id (never twice for one refund).</summary>
    private async Task RetryAsync()
    {
        if (_pending is not { } pending || _busy)
            return;
        _busy = true;
        _commitError = null;
        var lines = pending.Lines.Select(l => new ReturnRequest(l.SaleLineId, l.Quantity, l.Damaged)).ToList();
        await Finish(Desk.CommitAsync(new ReturnCommand(pending.Id, pending.SaleId, lines, pending.Reason), (await Auth).User));
        _busy = false;
    }

    /// <summary>Cancels a return nothing went back for; its items can then be returned afresh.</summary>
    private async Task AbandonAsync()
    {
        if (_pending is not { } pending || _record is null || _busy)
            return;
        _busy = true;
        try
        {
            await Desk.AbandonAsync(pending.Id, (await Auth).User);
            var saleId = _record.Sale.Id;
            await OpenAsync(saleId);
            _message = "The return was cancelled; nothing was refunded.";
        }
        catch (DomainException ex)
        {
            _commitError = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>A card keeps declining: a manager approves handing the rest back in cash, and the return completes.</summary>
    private async Task HandBackInCashAsync()
    {
        if (_pending is not { } pending || _busy)
            return;
        _busy = true;
        try
        {
            var dialog = await Dialogs.ShowAsync<ManagerApprovalDialog>("Manager approval",
                new DialogParameters<ManagerApprovalDialog> { { d => d.Message, "Hand back in cash what the card would not take: a manager approves." } },
                new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseOnEscapeKey = true });
            var answer = await dialog.Result;
            if (answer is null || answer.Canceled || answer.Data is not ManagerCredentials credentials)
                return;
            await Finish(Desk.HandBackRestInCashAsync(pending.Id, credentials, (await Auth).User));
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task Finish(Task<ReturnResult> work)
    {
        try
        {
            _done = await work;
            _record = null;
            _pending = null;
            _input = "";
        }
        catch (RefundNotFinishedException ex)
        {
            _pending = ex.Return;
            _commitError = ex.Message;
        }
        catch (DomainException ex)
        {
            _commitError = ex.Message;
        }
    }

    private void StartOver()
    {
        _record = null;
        _pending = null;
        _done = null;
        _quote = null;
        _quoteError = null;
        _commitError = null;
        _reason = "";
        _input = "";
        _message = null;
        if (!string.IsNullOrEmpty(SaleNumber))
            Navigation.NavigateTo("/counter/returns");
    }

    private static string RefundText(RefundTender refund) => refund.Kind switch
    {
        TenderKind.Cash => $"Cash back: {refund.Amount}",
        TenderKind.Card => $"To {refund.CardBrand} **** {refund.CardLastFour?.Value}: {refund.Amount}",
        TenderKind.FsaHsaCard => $"To FSA/HSA {refund.CardBrand} **** {refund.CardLastFour?.Value}: {refund.Amount}",
        _ => throw new ArgumentOutOfRangeException(nameof(refund)),
    };
}

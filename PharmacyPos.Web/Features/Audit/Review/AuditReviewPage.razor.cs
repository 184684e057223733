using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Web.Infrastructure.Auditing;
using PharmacyPos.Web.Infrastructure.Export;
using PharmacyPos.Web.Infrastructure.Identity;

namespace PharmacyPos.Web.Features.Audit.Review;

/// <summary>
/// The audit review screen: filters, ready-made views, a page of records newest first, a record's
/// details and the export of what is shown. Viewing a patient's records is itself recorded.
/// </summary>
public partial class AuditReviewPage
{
    [Inject] private AuditSearch Search { get; set; } = default!;
    [Inject] private IAuditTrail Audit { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ExportTickets Tickets { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    private AuditSearch.Lookups _lookups = new([], []);
    private AuditFilter _draft = new();
    private AuditFilter? _applied;
    private AuditView? _view;
    // Nothing can be clicked before the branches and users are loaded: a view chosen earlier would be overwritten.
    private bool _ready;
    private string? _problem;
    private Guid? _reviewerBranch;
    private Guid? _lastPatientViewed;
    private AuditSearch.Option? _patient;
    private AuditSearch.Option? _product;
    private MudTable<AuditSearch.Row>? _table;
    private IReadOnlyDictionary<Guid, string> _names = new Dictionary<Guid, string>();
    private IReadOnlyList<(string Name, int Count)> _byUser = [];

    /// <summary>The filter in force (for tests and the export link).</summary>
    public AuditFilter? Applied => _applied;

    /// <summary>Downloads what is shown; the filter goes through a one-time ticket, never in the URL (gateway and telemetry logs).</summary>
    private async Task ExportAsync()
    {
        if (_applied is null || (await Auth).User.UserId() is not { } reviewer) return;
        var ticket = await Tickets.IssueAsync(AuditExport.TicketName, reviewer, _applied);
        await JS.InvokeVoidAsync("pos.download", ExportTickets.Url(AuditExport.Path, ticket));
    }

    protected override async Task OnInitializedAsync()
    {
        _reviewerBranch = (await Auth).User.BranchId();
        _lookups = await Search.LookupsAsync();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Time.GetUtcNow(), AuditSearch.HomeZone(_lookups, _reviewerBranch)).DateTime);
        _draft = new AuditFilter { From = today.AddDays(-6), To = today };
        _applied = _draft;
        _ready = true;
    }

    private async Task ApplyAsync()
    {
        _view = null;
        await RunAsync(_draft);
    }

    private async Task ShowViewAsync(AuditView view)
    {
        _view = view;
        _draft = view.ApplyTo(_draft);
        await RunAsync(_draft);
    }

    private async Task RunAsync(AuditFilter filter)
    {
        _problem = filter.Problem();
        if (_problem is not null)
        {
            // Nothing is queried: the table goes away until the filter can be run.
            _applied = null;
            _byUser = [];
            return;
        }
        if (filter.PatientId is { } patient && patient != _lastPatientViewed)
        {
            // Looking at a patient's records is an access to that patient's record (HIPAA accounting of access).
            var user = (await Auth).User;
            await Audit.RecordAsync(AuditActors.From(user),
                new AuditEntry(AuditEventTypes.PatientRecordViewed, "Patient", patient.ToString())
                {
                    PatientId = patient,
                    After = System.Text.Json.JsonSerializer.Serialize(new { screen = "audit trail", filter = filter.ToString() }),
                });
            _lastPatientViewed = patient;
        }
        var reload = _applied is not null && _table is not null;
        _applied = filter;
        _byUser = _view == AuditView.VoidsAndRefunds ? await Search.CountByUserAsync(filter, _lookups, _reviewerBranch) : [];
        if (reload) await _table!.ReloadServerData();
    }

    private async Task<TableData<AuditSearch.Row>> LoadAsync(TableState state, CancellationToken ct)
    {
        if (_applied is null) return new TableData<AuditSearch.Row> { Items = [], TotalItems = 0 };
        var (rows, total) = await Search.PageAsync(_applied, _lookups, _reviewerBranch, state.Page * state.PageSize, state.PageSize, ct);
        _names = await Search.NamesAsync(rows.SelectMany(r => new[] { r.PatientId, r.ProductId }).OfType<Guid>(), ct);
        return new TableData<AuditSearch.Row> { Items = rows, TotalItems = total };
    }

    private string Name(AuditSearch.Row row)
    {
        var names = new[] { row.PatientId, row.ProductId }.OfType<Guid>().Select(id => _names.TryGetValue(id, out var n) ? n : null).OfType<string>();
        var text = string.Join(" · ", names);
        if (text.Length > 0) return text;
        // Long ids (GUIDs) are cut here; the details show them whole.
        return row.EntityId is { Length: > 14 } id ? id[..8] + "…" : row.EntityId ?? "";
    }

    private async Task<IEnumerable<AuditSearch.Option>> FindPatients(string text, CancellationToken ct) => await Search.FindPatientsAsync(text, ct);

    private async Task<IEnumerable<AuditSearch.Option>> FindProducts(string text, CancellationToken ct) => await Search.FindProductsAsync(text, ct);

    private async Task OpenAsync(AuditSearch.Row row)
    {
        var parameters = new DialogParameters<AuditEventDialog> { { d => d.Sequence, row.Sequence } };
        await Dialogs.ShowAsync<AuditEventDialog>($"Audit record {row.Sequence:N0}", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true });
    }

    private static DateTime? ToDate(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? ToDay(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;
}

using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace PharmacyPos.Web.Features.Pharmacy.Counter;

/// <summary>
/// Opens a pharmacy dialog over the register and waits for its answer (null when the cashier cancels). The dialog
/// service is found when a dialog is needed, so a register without a screen (a test, a replay) runs the checks that ask nothing.
/// </summary>
public sealed class CounterAsk(IServiceProvider services)
{
    private static readonly DialogOptions Options = new() { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false };

    /// <summary>True while a pharmacy dialog is open, so the register leaves the keyboard to it.</summary>
    public bool Open { get; private set; }

    public async Task<TResult?> AskAsync<TDialog, TResult>(string title, DialogParameters<TDialog> parameters) where TDialog : IComponent
    {
        Open = true;
        try
        {
            var dialog = await services.GetRequiredService<IDialogService>().ShowAsync<TDialog>(title, parameters, Options);
            var result = await dialog.Result;
            return result is { Canceled: false, Data: TResult data } ? data : default;
        }
        finally
        {
            Open = false;
        }
    }
}

using MudBlazor;

namespace PharmacyPos.Web.Components.Layout;

/// <summary>High-contrast colours and large touch targets for a counter touchscreen.</summary>
public static class PosTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#00695c",
            Secondary = "#37474f",
            AppbarBackground = "#00695c",
            Background = "#f5f7f7",
            Error = "#c62828",
            Warning = "#ef6c00",
            Success = "#2e7d32",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}

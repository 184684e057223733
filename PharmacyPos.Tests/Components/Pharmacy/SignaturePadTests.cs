using Bunit;
using MudBlazor.Services;
using PharmacyPos.Domain.Compliance;
using PharmacyPos.Web.Features.Pharmacy.Components;

namespace PharmacyPos.Tests.Components.Pharmacy;

public sealed class SignaturePadTests : BunitContext, IAsyncLifetime
{
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services dispose only asynchronously.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private readonly BunitJSModuleInterop _module;

    public SignaturePadTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        _module = JSInterop.SetupModule("./js/signature-pad.js");
        _module.SetupVoid("attach", _ => true);
        _module.SetupVoid("clear", _ => true);
    }

    [Fact]
    public void A_blank_pad_is_refused()
    {
        _module.Setup<int[][][]>("strokes", _ => true).SetResult([]);
        PatientSignature? signed = null;
        var pad = Render<SignaturePad>(p => p.Add(x => x.OnSigned, s => signed = s));

        pad.Find("[data-testid=signature-accept]").Click();

        Assert.Equal("The signature pad is empty; ask the purchaser to sign.", pad.Find("[data-testid=signature-error]").TextContent.Trim());
        Assert.Null(signed);
    }

    [Fact]
    public void Strokes_drawn_on_the_pad_become_the_signature()
    {
        var stroke = Enumerable.Range(0, 15).Select(i => new[] { 20 + i * 10, 80 - i }).ToArray();
        _module.Setup<int[][][]>("strokes", _ => true).SetResult([stroke, [[5, 5], [6, 6]]]);
        PatientSignature? signed = null;
        var pad = Render<SignaturePad>(p => p.Add(x => x.OnSigned, s => signed = s));

        pad.Find("[data-testid=signature-accept]").Click();

        Assert.NotNull(signed);
        Assert.Equal(17, signed.PointCount);
        Assert.Equal(2, signed.Strokes().Count);
        Assert.Empty(pad.FindAll("[data-testid=signature-error]"));
        _module.VerifyInvoke("attach");
    }
}

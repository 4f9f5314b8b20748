using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Pathway.Access;
using Pathway.Data;

namespace Pathway.Transitions;

[Authorize(Policy = Policies.Records)]
public class TransitionModel(PathwayDb db, RecordAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? FromSource { get; set; }
    [BindProperty(SupportsGet = true)] public string? ToSource { get; set; }
    [BindProperty(SupportsGet = true), Display(Name = "Transition date")] public DateOnly? Date { get; set; }
    public IReadOnlyList<SelectListItem> SourceChoices { get; private set; } = [];
    public TransitionReport? Report { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var known = await access.TransitionSourcesAsync(cancel);
        SourceChoices = known.Select(s => new SelectListItem(s, s)).ToList();
        // A first visit shows the form; a submitted one is checked, even empty (its fields bind as null).
        if (!Request.Query.Keys.Any(k => k is nameof(FromSource) or nameof(ToSource) || k.StartsWith(nameof(Date), StringComparison.Ordinal))) return;
        Check(nameof(FromSource), "outgoing", FromSource, known);
        Check(nameof(ToSource), "incoming", ToSource, known);
        if (Date is null && ModelState.GetFieldValidationState(nameof(Date)) != ModelValidationState.Invalid)
            ModelState.AddModelError(nameof(Date), "Enter the transition date");
        if (!ModelState.IsValid || Date is not { } date) return;

        // Only the providers of the user's scope, and of a handover authorised to or from them on this date, are listed.
        var providers = await access.TransitionProvidersAsync(date, cancel);
        Report = await TransitionCheck.RunAsync(db, FromSource!, ToSource!, date, cancel, providers?.Outgoing, providers?.Incoming);
        await access.ListedAsync("transition", Report.Lines.Count, cancel);
    }

    private void Check(string field, string which, string? source, IReadOnlyList<string> known)
    {
        if (string.IsNullOrWhiteSpace(source)) ModelState.AddModelError(field, $"Choose the {which} source");
        else if (TransitionCheck.RefuseSource(which, source, known, "the sources you may check") is { } why)
            ModelState.AddModelError(field, why.TrimEnd('.'));
    }
}

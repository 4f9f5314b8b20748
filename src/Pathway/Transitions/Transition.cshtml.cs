using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access;
using Pathway.Data;

namespace Pathway.Transitions;

[Authorize(Policy = Policies.Records)]
public class TransitionModel(PathwayDb db, RecordAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? FromSource { get; set; }
    [BindProperty(SupportsGet = true)] public string? ToSource { get; set; }
    [BindProperty(SupportsGet = true)] public string? Date { get; set; }
    public string? Error { get; private set; }
    public TransitionReport? Report { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        if (FromSource is null && ToSource is null && Date is null) return;
        if (string.IsNullOrWhiteSpace(FromSource) || string.IsNullOrWhiteSpace(ToSource))
            Error = "Enter the outgoing and the incoming source";
        else if (!DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            Error = "Enter the transition date as YYYY-MM-DD";
        else
        {
            // Only the providers of the user's scope, and of a handover authorised to or from them on this date, are listed.
            var providers = await access.TransitionProvidersAsync(date, cancel);
            Report = await TransitionCheck.RunAsync(db, FromSource.Trim(), ToSource.Trim(), date, cancel, providers?.Outgoing, providers?.Incoming);
            await access.ListedAsync("transition", Report.Lines.Count, cancel);
        }
    }
}

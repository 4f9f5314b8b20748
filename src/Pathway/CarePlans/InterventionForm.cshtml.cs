using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.CarePlans;

/// <summary>Starts an intervention (type and setting as the exchange format has them), or ends one.</summary>
public class InterventionFormModel(PathwayDb db) : CaseFormModel(db)
{
    [BindProperty(SupportsGet = true)] public int? InterventionId { get; set; }
    [BindProperty, Required(ErrorMessage = "Select the type of intervention")] public InterventionType? Type { get; set; }
    [BindProperty, Required(ErrorMessage = "Select the setting")] public InterventionSetting? Setting { get; set; }
    [BindProperty, Display(Name = "Start date"), Required(ErrorMessage = "Enter the start date")] public DateOnly? StartDate { get; set; }
    [BindProperty, Display(Name = "End date")] public DateOnly? EndDate { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        if (InterventionId is { } iid)
        {
            var i = await Db.Interventions.SingleOrDefaultAsync(x => x.Id == iid && x.EpisodeId == Id, cancel);
            if (i is null) return NotFound();
            (Type, Setting, StartDate, EndDate) = (i.Type, i.Setting, i.StartDate, i.EndDate ?? Today);
        }
        else StartDate = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        if (StartDate is { } start) Check(nameof(StartDate), "Start date", HappenedInJourney(start));
        if (EndDate is { } end)
            Check(nameof(EndDate), "End date", Infrastructure.RecordRules.NotFuture(end, Today) ?? (StartDate is { } s ? InterventionRules.EndDate(end, s) : null));
        if (!ModelState.IsValid) return Page();
        if (InterventionId is { } iid)
        {
            var i = await Db.Interventions.SingleOrDefaultAsync(x => x.Id == iid && x.EpisodeId == Id, cancel);
            if (i is null) return NotFound();
            (i.Type, i.Setting, i.StartDate, i.EndDate) = (Type!.Value, Setting!.Value, StartDate!.Value, EndDate);
        }
        else Episode.Interventions.Add(new Intervention { Type = Type!.Value, Setting = Setting!.Value, StartDate = StartDate!.Value, EndDate = EndDate });
        return await SaveAsync(cancel);
    }
}

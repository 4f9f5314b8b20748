using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.CarePlans;

/// <summary>Starts an intervention (type and setting as the exchange format has them), or ends one.</summary>
public class InterventionFormModel(PathwayDb db, RecordAccess access) : CaseFormModel(db)
{
    [BindProperty(SupportsGet = true)] public int? InterventionId { get; set; }
    [BindProperty] public InterventionType? Type { get; set; }
    [BindProperty] public InterventionSetting? Setting { get; set; }
    [BindProperty, Display(Name = "Start date")] public DateOnly? StartDate { get; set; }
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
        return await ActAsync(mode => CarePlanning.SaveInterventionAsync(Db, access, Worker, Id, Version,
            new InterventionInput(InterventionId, Type, Setting, StartDate, EndDate), cancel, mode), cancel);
    }
}

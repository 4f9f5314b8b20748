using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Prescribing;

/// <summary>
/// Start a prescription, change its dose (the next step of a titration) or end it. The page only binds and shows: the
/// rules, the scope and the save are <see cref="Prescribe"/>'s.
/// </summary>
[Authorize(Policy = Policies.Prescribing)]
public class PrescriptionPageModel(PathwayDb db, Prescribe prescribe) : CaseFormModel(db)
{
    [BindProperty(SupportsGet = true)] public int? PrescriptionId { get; set; }
    /// <summary>"dose" or "end" with a prescription; a start without one.</summary>
    [BindProperty(SupportsGet = true)] public string? Change { get; set; }
    [BindProperty] public Medicine? Medicine { get; set; }
    [BindProperty, Display(Name = "Dose")] public decimal? DoseMg { get; set; }
    [BindProperty] public int? DoseIntervalDays { get; set; }
    [BindProperty, Display(Name = "Start date")] public DateOnly? StartDate { get; set; }
    [BindProperty, Display(Name = "End date")] public DateOnly? EndDate { get; set; }
    [BindProperty, Display(Name = "Instalment days a week")] public int? InstalmentDaysPerWeek { get; set; }
    [BindProperty, Display(Name = "Supervised days a week")] public int? SupervisedDaysPerWeek { get; set; }
    [BindProperty] public string? PharmacyOdsCode { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public Prescription? Current { get; private set; }
    public List<SelectListItem> PharmacyChoices { get; private set; } = [];

    public PrescriptionChange Kind => PrescriptionId is null ? PrescriptionChange.Start
        : string.Equals(Change, "end", StringComparison.OrdinalIgnoreCase) ? PrescriptionChange.End : PrescriptionChange.ChangeDose;

    public string Title => Kind switch
    {
        PrescriptionChange.Start => "Start a prescription",
        PrescriptionChange.ChangeDose => "Change the dose",
        _ => "End the prescription",
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel) || !await LoadPageAsync(cancel)) return NotFound();
        if (Current is { } c)
        {
            (Medicine, DoseMg, DoseIntervalDays, InstalmentDaysPerWeek, SupervisedDaysPerWeek, PharmacyOdsCode) =
                (c.Medicine, c.DoseMg, c.DoseIntervalDays, c.InstalmentDaysPerWeek, c.SupervisedDaysPerWeek, c.PharmacyOdsCode);
            if (Kind == PrescriptionChange.End) EndDate = c.EndDate ?? Today;
            else (StartDate, EndDate) = (Today > c.StartDate ? Today : c.StartDate.AddDays(1), c.EndDate);
        }
        else (StartDate, DoseIntervalDays, InstalmentDaysPerWeek, SupervisedDaysPerWeek) = (Today, 1, 7, 7);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true) || !await LoadPageAsync(cancel)) return NotFound();
        // A value that did not bind (letters in the dose) already has its message; nothing is saved.
        if (!ModelState.IsValid) return Page();
        var outcome = await prescribe.SaveAsync(User, new PrescriptionInput(Id, Version, Kind, PrescriptionId, Medicine, DoseMg, DoseIntervalDays,
            StartDate, EndDate, InstalmentDaysPerWeek, SupervisedDaysPerWeek, PharmacyOdsCode, Reason), cancel);
        return await AnswerAsync(outcome, cancel, fragment: "prescriptions", reloadForPage: () => LoadPageAsync(cancel));
    }

    private async Task<bool> LoadPageAsync(CancellationToken cancel)
    {
        if (PrescriptionId is { } pid)
        {
            Current = await Db.Prescriptions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pid && p.EpisodeId == Id, cancel);
            if (Current is null) return false;
        }
        PharmacyChoices = await Db.Pharmacies.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new SelectListItem(p.Name + " (" + p.OdsCode + ")", p.OdsCode)).ToListAsync(cancel);
        return true;
    }
}

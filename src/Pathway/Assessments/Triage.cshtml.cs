using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.Assessments;

/// <summary>Triage: the episode's triage date, substances and injecting, with housing, work and risk.</summary>
public class TriageModel(PathwayDb db) : CaseFormModel(db)
{
    public sealed class TriageInput
    {
        [Required(ErrorMessage = "Enter the triage date")] public DateOnly? TriageDate { get; set; }
        [Required(ErrorMessage = "Select the main problem substance")] public Substance? Substance1 { get; set; }
        public Substance? Substance2 { get; set; }
        public Substance? Substance3 { get; set; }
        [Required(ErrorMessage = "Select injecting status")] public InjectingStatus? InjectingStatus { get; set; }
        [Required(ErrorMessage = "Select housing")] public HousingSituation? Housing { get; set; }
        [Required(ErrorMessage = "Select employment")] public EmploymentSituation? Employment { get; set; }
        public bool OverdoseRisk { get; set; }
        public bool SelfHarmRisk { get; set; }
        public bool SafeguardingConcern { get; set; }
        public bool DomesticAbuse { get; set; }
        [StringLength(4000, ErrorMessage = "Risk notes must be 4000 characters or fewer")] public string? Notes { get; set; }
    }

    [BindProperty] public TriageInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        var risk = Db.RiskAssessments.Where(r => r.EpisodeId == Id).OrderByDescending(r => r.Id).FirstOrDefault();
        Input = new TriageInput
        {
            TriageDate = Episode.TriageDate ?? Today, Substance1 = Episode.Substance1, Substance2 = Episode.Substance2, Substance3 = Episode.Substance3,
            InjectingStatus = Episode.InjectingStatus, Housing = risk?.Housing, Employment = risk?.Employment,
            OverdoseRisk = risk?.OverdoseRisk ?? false, SelfHarmRisk = risk?.SelfHarmRisk ?? false,
            SafeguardingConcern = risk?.SafeguardingConcern ?? false, DomesticAbuse = risk?.DomesticAbuse ?? false, Notes = risk?.Notes,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        NotFuture("Input.TriageDate", Input.TriageDate, "Triage date");
        NotBeforeReferral("Input.TriageDate", Input.TriageDate, "Triage date");
        if (Input.Substance2 is { } s2 && (s2 == Input.Substance1))
            ModelState.AddModelError("Input.Substance2", "Substance 2 must be different from substance 1");
        if (Input.Substance3 is { } s3 && (s3 == Input.Substance1 || s3 == Input.Substance2))
            ModelState.AddModelError("Input.Substance3", "Substance 3 must be different from substances 1 and 2");
        if (Input.Substance3 is not null && Input.Substance2 is null)
            ModelState.AddModelError("Input.Substance2", "Enter substance 2 before substance 3");
        if (!ModelState.IsValid) return Page();

        Episode.TriageDate = Input.TriageDate;
        Episode.Substance1 = Input.Substance1!.Value;
        Episode.Substance2 = Input.Substance2;
        Episode.Substance3 = Input.Substance3;
        Episode.InjectingStatus = Input.InjectingStatus!.Value;
        Db.RiskAssessments.Add(new RiskAssessment
        {
            Episode = Episode, Date = Input.TriageDate!.Value, Housing = Input.Housing!.Value, Employment = Input.Employment!.Value,
            OverdoseRisk = Input.OverdoseRisk, SelfHarmRisk = Input.SelfHarmRisk, SafeguardingConcern = Input.SafeguardingConcern,
            DomesticAbuse = Input.DomesticAbuse, Notes = string.IsNullOrWhiteSpace(Input.Notes) ? null : Input.Notes.Trim(),
        });
        return await SaveAsync(cancel);
    }
}

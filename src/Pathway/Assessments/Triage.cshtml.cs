using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Assessments;

/// <summary>Triage: the episode's triage date, substances and injecting, with housing, work and risk.</summary>
public class TriageModel(PathwayDb db) : CaseFormModel(db)
{
    public sealed class TriageInput
    {
        [Display(Name = "Triage date"), Required(ErrorMessage = "Enter the triage date")] public DateOnly? TriageDate { get; set; }
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
        if (Input.TriageDate is { } triage)
            Check("Input.TriageDate", "Triage date", RecordRules.NotFuture(triage, Today)
                ?? EpisodeRules.TriageDate(triage, Episode.ReferralDate, Episode.DischargeDate));
        if (Input.Substance2 is { } s2) Check("Input.Substance2", "Substance 2", EpisodeRules.Substance2(Input.Substance1, s2));
        if (Input.Substance3 is { } s3) Check("Input.Substance3", "Substance 3", EpisodeRules.Substance3(Input.Substance1, Input.Substance2, s3));
        // A discharged episode's reason must still suit its substances.
        if (Episode.DischargeReason is { } reason)
            Check("Input.Substance1", "The episode's discharge reason",
                EpisodeRules.DischargeReason(reason, Input.Substance1, Input.Substance2, Input.Substance3));
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

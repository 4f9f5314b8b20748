using System.IO.Compression;
using System.Text;

namespace Pathway.Tests.Exchange;

/// <summary>
/// A small valid bundle, hand-checkable, written to a temporary folder; tests break one cell at a time.
/// C1 is 44 at referral (adult), C2 is 14 (young people). Lines count as a spreadsheet shows them.
/// </summary>
public sealed class TestBundle : IDisposable
{
    public static readonly string ReviewHeader =
        "episode_ref,date,stage,alcohol_days,opiate_days,crack_days,cocaine_days,amphetamine_days,cannabis_days,other_drug_days," +
        "alcohol_units_per_drinking_day,injected_days,shoplifting_days,drug_selling_days,other_offending,psychological_health," +
        "physical_health,quality_of_life,acute_housing_problem,housing_at_risk,paid_work_days,education_days";

    public Dictionary<string, List<string>> Files { get; } = new()
    {
        ["clients.csv"] =
        [
            "client_ref,initials,date_of_birth,sex,local_authority,postcode_district,nhs_number,consent_national_reporting",
            "C1,AB,1980-01-01,M,E08000007,SK1,9434765919,Y",
            "C2,CD,2005-06-15,F,E08000002,,,N",
        ],
        ["episodes.csv"] =
        [
            "episode_ref,client_ref,provider_code,pathway,referral_date,referral_source,triage_date,substance_1,substance_2,substance_3,injecting_status,discharge_date,discharge_reason",
            "E1,C1,OLDCO,adult,2024-01-10,self,2024-01-20,heroin,crack,,previously,2024-06-01,completed_drug_free",
            "E2,C2,OLDCO,young_people,2020-03-01,gp,2020-03-05,cannabis,,,never,,",
        ],
        ["interventions.csv"] =
        [
            "episode_ref,type,setting,start_date,end_date",
            "E1,pharmacological,community,2024-01-20,2024-06-01",
            "E2,psychosocial,community,2020-03-05,",
        ],
        ["contacts.csv"] =
        [
            "episode_ref,date,channel,attended,kind",
            "E1,2024-01-20,face_to_face,Y,assessment",
            "E2,2020-03-05,phone,N,keywork",
        ],
        ["reviews.csv"] =
        [
            ReviewHeader,
            "E1,2024-01-20,start,0,20,5,0,0,0,0,,10,0,0,N,10,10,10,N,N,0,0",
        ],
    };

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"pathway-bundle-{Guid.NewGuid():N}");

    /// <summary>Sets one cell: <paramref name="line"/> as a spreadsheet numbers it, the column by its header name.</summary>
    public TestBundle Set(string file, int line, string column, string value)
    {
        var lines = Files[file];
        var index = Array.IndexOf(lines[0].Split(','), column);
        if (index < 0) throw new ArgumentException($"{file} has no column {column}");
        var cells = lines[line - 1].Split(',');
        cells[index] = value;
        lines[line - 1] = string.Join(',', cells);
        return this;
    }

    public TestBundle Add(string file, string line)
    {
        Files[file].Add(line);
        return this;
    }

    public string Write()
    {
        Directory.CreateDirectory(Folder);
        foreach (var (name, lines) in Files)
            File.WriteAllText(Path.Combine(Folder, name), string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        return Folder;
    }

    public string WriteZip(params string[] leaveOut)
    {
        Write();
        var zip = Folder + ".zip";
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Create);
        foreach (var name in Files.Keys.Except(leaveOut))
            archive.CreateEntryFromFile(Path.Combine(Folder, name), name);
        return zip;
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        if (File.Exists(Folder + ".zip")) File.Delete(Folder + ".zip");
    }
}

using PharmacyPos.Domain.Branches;
using PharmacyPos.Domain.Catalog;
using PharmacyPos.Domain.Shared;

namespace PharmacyPos.Web.Infrastructure.Persistence.Demo;

/// <summary>
/// A made-up but realistic catalog for the demo pharmacy. Every code is valid: drugs carry an NDC
/// (labeler 5 digits, product 4, package 1: the 5-4-1 form) and a UPC-A of "3" + the 10-digit NDC;
/// merchandise carries a UPC-A with a made-up company prefix. Generation is deterministic.
/// </summary>
public static class DemoCatalog
{
    public const decimal PseudoephedrineHclBaseFactor = ListedChemicalSalt.HydrochlorideOfEphedrines;

    private sealed record Drug(string Name, string Strength, string Form, string Category, decimal Price, int[] Packs,
        bool Rx = false, DeaSchedule Schedule = DeaSchedule.None, int? MinimumAge = null, bool Fsa = true,
        decimal? PseudoephedrineMgPerUnit = null);

    private static readonly Drug[] Drugs =
    [
        new("Acetaminophen", "500 mg", "tablet", "Pain relief", 4.99m, [24, 50, 100, 225]),
        new("Acetaminophen Extra Strength", "500 mg", "caplet", "Pain relief", 6.49m, [24, 100]),
        new("Ibuprofen", "200 mg", "tablet", "Pain relief", 5.49m, [24, 50, 100, 200]),
        new("Naproxen Sodium", "220 mg", "tablet", "Pain relief", 7.99m, [24, 100]),
        new("Aspirin Low Dose", "81 mg", "tablet", "Heart health", 3.99m, [36, 120, 300]),
        new("Loratadine", "10 mg", "tablet", "Allergy", 9.99m, [10, 30, 60]),
        new("Cetirizine", "10 mg", "tablet", "Allergy", 11.49m, [14, 30, 45]),
        new("Fexofenadine", "180 mg", "tablet", "Allergy", 14.99m, [15, 30]),
        new("Diphenhydramine", "25 mg", "capsule", "Allergy", 4.49m, [24, 100]),
        new("Famotidine", "20 mg", "tablet", "Digestive health", 8.99m, [25, 50]),
        new("Omeprazole DR", "20 mg", "tablet", "Digestive health", 12.99m, [14, 28, 42]),
        new("Loperamide", "2 mg", "caplet", "Digestive health", 6.99m, [12, 24]),
        new("Dextromethorphan HBr Cough Gel", "15 mg", "softgel", "Cold and flu", 8.49m, [20, 40], MinimumAge: 18),
        new("Dextromethorphan Cough Syrup", "10 mg/5 mL", "syrup", "Cold and flu", 7.99m, [1, 2], MinimumAge: 18),
        new("Guaifenesin ER", "600 mg", "tablet", "Cold and flu", 13.99m, [20, 40]),
        new("Pseudoephedrine HCl", "30 mg", "tablet", "Cold and flu", 7.49m, [24, 48, 96], PseudoephedrineMgPerUnit: 30m),
        new("Pseudoephedrine HCl 12 Hour", "120 mg", "tablet", "Cold and flu", 10.99m, [10, 20], PseudoephedrineMgPerUnit: 120m),
        new("Loratadine-D 24 Hour", "10 mg/240 mg", "tablet", "Allergy", 16.99m, [10, 15], PseudoephedrineMgPerUnit: 240m),
        new("Nicotine Polacrilex Gum", "4 mg", "gum", "Smoking cessation", 39.99m, [100, 170], MinimumAge: 21),
        new("Nicotine Transdermal Patch", "21 mg/24 hr", "patch", "Smoking cessation", 44.99m, [7, 14], MinimumAge: 21),
        new("Codeine/Guaifenesin Cough Syrup", "10 mg/100 mg per 5 mL", "syrup", "Cold and flu", 12.99m, [1], Schedule: DeaSchedule.V, MinimumAge: 18),
        new("Amoxicillin", "500 mg", "capsule", "Prescription", 12.00m, [21, 30], Rx: true),
        new("Lisinopril", "10 mg", "tablet", "Prescription", 9.00m, [30, 90], Rx: true),
        new("Atorvastatin", "20 mg", "tablet", "Prescription", 15.00m, [30, 90], Rx: true),
        new("Metformin HCl", "500 mg", "tablet", "Prescription", 8.00m, [60, 180], Rx: true),
        new("Levothyroxine", "50 mcg", "tablet", "Prescription", 11.00m, [30, 90], Rx: true),
        new("Amlodipine", "5 mg", "tablet", "Prescription", 7.50m, [30, 90], Rx: true),
        new("Sertraline", "50 mg", "tablet", "Prescription", 10.00m, [30, 90], Rx: true),
        new("Albuterol HFA Inhaler", "90 mcg/actuation", "inhaler", "Prescription", 35.00m, [1], Rx: true),
        new("Oxycodone HCl", "5 mg", "tablet", "Prescription", 24.00m, [30, 60], Rx: true, Schedule: DeaSchedule.II),
        new("Hydrocodone/Acetaminophen", "5 mg/325 mg", "tablet", "Prescription", 22.00m, [20, 30], Rx: true, Schedule: DeaSchedule.II),
        new("Methylphenidate ER", "18 mg", "tablet", "Prescription", 60.00m, [30], Rx: true, Schedule: DeaSchedule.II),
        new("Buprenorphine/Naloxone", "8 mg/2 mg", "film", "Prescription", 90.00m, [14, 30], Rx: true, Schedule: DeaSchedule.III),
        new("Testosterone Cypionate", "200 mg/mL", "injection", "Prescription", 45.00m, [1], Rx: true, Schedule: DeaSchedule.III),
        new("Alprazolam", "0.5 mg", "tablet", "Prescription", 12.00m, [30, 60], Rx: true, Schedule: DeaSchedule.IV),
        new("Zolpidem", "10 mg", "tablet", "Prescription", 14.00m, [30], Rx: true, Schedule: DeaSchedule.IV),
        new("Tramadol HCl", "50 mg", "tablet", "Prescription", 13.00m, [30, 60], Rx: true, Schedule: DeaSchedule.IV),
        new("Pregabalin", "75 mg", "capsule", "Prescription", 25.00m, [60], Rx: true, Schedule: DeaSchedule.V),
        new("Lacosamide", "100 mg", "tablet", "Prescription", 80.00m, [60], Rx: true, Schedule: DeaSchedule.V),
    ];

    private sealed record Merchandise(string Name, string Category, decimal Price, TaxClass Tax, bool Fsa, int Variants, string[] Sizes);

    private static readonly Merchandise[] Goods =
    [
        new("Adhesive Bandages", "First aid", 4.29m, TaxClass.Standard, true, 4, ["30 ct", "60 ct", "Sport 20 ct", "Waterproof 40 ct"]),
        new("Digital Thermometer", "First aid", 12.99m, TaxClass.Exempt, true, 2, ["Oral", "Forehead"]),
        new("Blood Pressure Monitor", "Medical devices", 49.99m, TaxClass.Exempt, true, 2, ["Upper arm", "Wrist"]),
        new("Blood Glucose Test Strips", "Diabetes care", 29.99m, TaxClass.Exempt, true, 3, ["25 ct", "50 ct", "100 ct"]),
        new("Reading Glasses", "Vision", 14.99m, TaxClass.Standard, true, 5, ["+1.00", "+1.50", "+2.00", "+2.50", "+3.00"]),
        new("Contact Lens Solution", "Vision", 9.49m, TaxClass.Standard, true, 2, ["12 fl oz", "2 x 12 fl oz"]),
        new("Sunscreen SPF 50", "Skin care", 10.99m, TaxClass.Standard, true, 3, ["Lotion 8 oz", "Spray 6 oz", "Stick 0.5 oz"]),
        new("Hand Sanitizer", "Personal care", 2.99m, TaxClass.Standard, false, 3, ["2 oz", "8 oz", "16 oz"]),
        new("Toothpaste", "Personal care", 3.79m, TaxClass.Standard, false, 4, ["Whitening", "Sensitive", "Kids", "Fluoride"]),
        new("Shampoo", "Personal care", 6.49m, TaxClass.Standard, false, 3, ["Daily", "Dandruff", "Kids"]),
        new("Greeting Card", "Gifts", 4.99m, TaxClass.Standard, false, 4, ["Birthday", "Get well", "Thank you", "Sympathy"]),
        new("Bottled Water", "Grocery", 1.29m, TaxClass.Standard, false, 2, ["500 mL", "1 L"]),
        new("Multivitamin Adult", "Vitamins", 11.99m, TaxClass.ReducedOtc, false, 3, ["100 ct", "200 ct", "Gummies 90 ct"]),
        new("Vitamin D3 1000 IU", "Vitamins", 8.99m, TaxClass.ReducedOtc, false, 2, ["100 ct", "300 ct"]),
        new("Prenatal Vitamin", "Vitamins", 15.99m, TaxClass.ReducedOtc, true, 2, ["60 ct", "120 ct"]),
        new("Elastic Bandage Wrap", "First aid", 6.99m, TaxClass.Standard, true, 2, ["3 in", "4 in"]),
        new("Cold Pack", "First aid", 7.99m, TaxClass.Standard, true, 2, ["Instant", "Reusable"]),
        new("Knee Brace", "Medical devices", 24.99m, TaxClass.Exempt, true, 3, ["S/M", "L/XL", "Hinged"]),
        new("Pregnancy Test", "Family planning", 12.49m, TaxClass.Exempt, true, 2, ["1 test", "2 tests"]),
        new("Lip Balm", "Skin care", 2.49m, TaxClass.Standard, false, 3, ["Original", "SPF 15", "Medicated"]),
    ];

    public static IReadOnlyList<Product> Products()
    {
        var products = new List<Product>();
        var labeler = 50001;
        foreach (var drug in Drugs)
        {
            var productCode = 1000 + products.Count % 8999;
            // Two makers of each drug: the national brand and the store brand (OTC) or a second generic labeler (Rx).
            for (var maker = 0; maker < 2; maker++)
            {
                var prefix = maker == 1 && !drug.Rx ? "Store brand " : "";
                var drugLabeler = labeler + maker * 500;
                for (var p = 0; p < drug.Packs.Length; p++)
                {
                    var ndc10 = $"{drugLabeler:D5}{productCode:D4}{p + 1:D1}";
                    var ndc = Ndc.FromEleven($"{drugLabeler:D5}{productCode:D4}0{p + 1:D1}");
                    var gtin = Gtin.FromBody("3" + ndc10);
                    var pack = drug.Packs[p];
                    var name = $"{prefix}{drug.Name} {drug.Strength} {drug.Form}, {pack} ct" + (drug.Rx && maker == 1 ? " (labeler B)" : "");
                    var price = drug.Rx ? drug.Price : decimal.Round(drug.Price * (1 + p * 0.8m) * (maker == 1 ? 0.8m : 1m), 2);
                    var product = new Product(gtin, name, drug.Category, drug.Rx ? TaxClass.Prescription : TaxClass.Standard, Money.Of(price));
                    product.DescribeDrug(ndc, drug.Strength, drug.Form, pack);
                    product.Classify(drug.Schedule, drug.Rx);
                    if (drug.Schedule == DeaSchedule.V)
                        // 21 CFR 1306.26(b) counts liquids by volume (a 4 fl oz bottle) and solids by dosage units.
                        product.DescribeScheduleV(drug.Form == "syrup" ? ScheduleVContent.Liquid(118m) : ScheduleVContent.Solid(pack));
                    product.RestrictAge(drug.MinimumAge);
                    product.MarkFsaHsaEligible(drug.Fsa);
                    if (drug.PseudoephedrineMgPerUnit is { } mg)
                        product.ContainsListedChemical(new ListedChemicalContent(ListedChemical.Pseudoephedrine, "hydrochloride", mg * pack, PseudoephedrineHclBaseFactor));
                    products.Add(product);
                }
                productCode++;
            }
            labeler++;
        }

        var item = 10000;
        foreach (var good in Goods)
        {
            for (var v = 0; v < good.Variants; v++)
            {
                string[] lines = ["", "Store brand ", "Value pack "];
                for (var line = 0; line < lines.Length; line++)
                {
                    var gtin = Gtin.FromBody($"0{81234 + line:D5}{item++:D5}");
                    var name = $"{lines[line]}{good.Name}, {good.Sizes[v]}";
                    var price = decimal.Round(good.Price * (1 + v * 0.15m) * (line switch { 0 => 1m, 1 => 0.85m, _ => 1.9m }), 2);
                    var product = new Product(gtin, name, good.Category, good.Tax, Money.Of(price));
                    product.MarkFsaHsaEligible(good.Fsa);
                    products.Add(product);
                }
            }
        }
        return products;
    }
}

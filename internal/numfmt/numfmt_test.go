package numfmt

import (
	"strings"
	"testing"
)

// show makes the no-break spaces visible in failure messages.
func show(s string) string {
	return strings.NewReplacer("\u00a0", "⍽", "\u202f", "·").Replace(s)
}

// The codes are those LibreOffice Calc and Excel write in the .xlsx files
// they save, whatever their language.
func TestRender(t *testing.T) {
	const (
		mar11 = 45727 // mardi 11 mars 2025
		mar27 = 45743 // jeudi 27 mars 2025
		jul1  = 45839 // mardi 1er juillet 2025
		feb25 = 45713 // mardi 25 février 2025
	)
	for _, c := range []struct {
		v        float64
		code     string
		want     string
		faithful bool
	}{
		// dates: French whatever the language of the format
		{mar11, `dddd\ d\ mmmm\ yyyy`, "mardi 11 mars 2025", true},
		{mar11, `NNNND MMMM YYYY`, "mardi 11 mars 2025", true},
		{mar27, `[$-409]dddd, ""mmmm\ d", "yyyy`, "jeudi 27 mars 2025", true},
		{mar27, `[$-F800]dddd\,\ mmmm\ dd\,\ yyyy`, "jeudi 27 mars 2025", true},
		{mar11, `[$-40C]dddd, ""d\ mmmm\ yyyy`, "mardi 11 mars 2025", true},
		{jul1, `[$-40C]d\ mmmm\ yyyy`, "1er juillet 2025", true},
		{feb25, `d\-mmm\-yy`, "25 février 2025", true},
		{feb25, `d-mmm-yy`, "25 février 2025", true},
		{mar11, `dd/mm/yyyy`, "11/03/2025", true},
		{mar11, `mm-dd-yy`, "11/03/2025", true},
		{mar11, `m/d/yyyy`, "11/03/2025", true},
		{mar11, `YYYY-MM-DD`, "11/03/2025", true},
		{mar11, `mmmm yyyy`, "mars 2025", true},
		{mar11 + 0.6041666666666666, `dd/mm/yyyy hh:mm`, "11/03/2025 14:30", true},
		{0.6041666666666666, `h:mm AM/PM`, "14:30", true},
		{1.25, `[h]:mm:ss`, "06:00:00", false},
		// numbers: French typography, the format's decimals
		{0.142, `0.0%`, "14,2\u00a0%", true},
		{0.142, `0.0\ %`, "14,2\u00a0%", true},
		{0.5, `0%`, "50\u00a0%", true},
		{12345, `#,##0`, "12\u202f345", true},
		{1234567.5, `#,##0.00`, "1\u202f234\u202f567,50", true},
		{1500, `#,##0.00\ [$€-40C]`, "1\u202f500,00\u00a0€", true},
		{-1500, `#,##0.00\ "€";\-#,##0.00\ "€"`, "-1\u202f500,00\u00a0€", true},
		{-1500, `#,##0 ;(#,##0)`, "(1\u202f500)", true},
		{-1500, `#,##0`, "-1\u202f500", true},
		{2.675, `0.00`, "2,68", true},
		{1.5, `0.0#`, "1,5", true},
		{1.25, `0.0#`, "1,25", true},
		{0.5, `#.00`, ",50", true},
		{12345678, `#,##0,`, "12\u202f346", true},
		{0, `#,##0;-#,##0;"-"`, "-", true},
		{76.5, `General`, "76,5", true},
		{72812, `General`, "72812", true},
		{0.30000000000000004, `General`, "0,3", true},
		{12, `General" ans"`, "12\u00a0ans", true},
		{92, `@`, "92", true},
		{-0.04, `0.0`, "0,0", true},
		// what cannot be shown faithfully: the plain number, reported
		{0.5, `# ?/?`, "0,5", false},
		{12345, `0.00E+00`, "12345", false},
		{-5, `#,##0;[Red]-#,##0`, "-5", false},
		{5, `#,##0;[Red]-#,##0`, "5", true},
		{150, `[>100]"beaucoup";0`, "beaucoup", false},
		{612345678, `0#\ ##\ ##\ ##\ ##`, "612345678", false},
		{1e12, `General`, "1000000000000", false},
		{1e308, `0%`, "1" + strings.Repeat("0", 308), false},
	} {
		r := Render(c.v, c.code, false)
		if r.Text != c.want || r.Faithful != c.faithful {
			t.Errorf("Render(%v, %q) = %q (faithful %v), want %q (faithful %v)", c.v, c.code, show(r.Text), r.Faithful, show(c.want), c.faithful)
		}
	}
}

func TestRenderValue(t *testing.T) {
	r := Render(0.142, "0.0%", false)
	if r.Kind != Percent || r.Value != 14.2 || r.Decimals != 1 {
		t.Errorf("percentage: %+v", r)
	}
	r = Render(12345, "#,##0", false)
	if r.Kind != Number || r.Value != 12345 || r.Decimals != 0 {
		t.Errorf("thousands: %+v", r)
	}
	if r := Render(76.5, "General", false); r.Kind != General || r.Decimals != -1 {
		t.Errorf("general: %+v", r)
	}
}

func TestSerial(t *testing.T) {
	for _, c := range []struct {
		v     float64
		d1904 bool
		want  string
	}{
		{1, false, "01/01/1900"},
		{59, false, "28/02/1900"},
		{61, false, "01/03/1900"},
		{45727, false, "11/03/2025"},
		{44265, true, "11/03/2025"},
	} {
		if r := Render(c.v, "dd/mm/yyyy", c.d1904); r.Text != c.want {
			t.Errorf("serial %v (1904: %v) = %q, want %q", c.v, c.d1904, r.Text, c.want)
		}
	}
	for _, v := range []float64{-1, 60, 3e6} {
		if r := Render(v, "dd/mm/yyyy", false); r.Faithful {
			t.Errorf("serial %v: %+v, want not faithful", v, r)
		}
	}
}

func TestBuiltin(t *testing.T) {
	for id, want := range map[int]string{14: "11/03/2025", 15: "11 mars 2025", 22: "11/03/2025 00:00"} {
		code, _ := Builtin(id)
		if r := Render(45727, code, false); r.Text != want {
			t.Errorf("id %d (%s) = %q, want %q", id, code, r.Text, want)
		}
	}
	if _, ok := Builtin(5); ok {
		t.Error("id 5 is the reader's currency: no fixed code")
	}
}

// FuzzRender: any code, any value, no panic and no endless loop.
func FuzzRender(f *testing.F) {
	for _, c := range []string{"General", "0.0%", `[$-409]dddd, ""mmmm\ d", "yyyy`, `# ?/?`, `"`, `\`, `[`, `_`, `*`, `#,##0,.`, `;;;`, "[h]"} {
		f.Add(45727.5, c)
	}
	f.Fuzz(func(t *testing.T, v float64, code string) {
		Render(v, code, false)
	})
}

package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// Texts of the sources that hold HTML: a territory's name, a sigle, a
// template's name, shown in the page through both of its paths — the
// HTML fragment the script swaps in, and the JSON whose territory name it
// writes into the heading and the title. They must be shown as text:
// no element of theirs in the page, no script of theirs run.
func TestHostileTextsAreShownNotRun(t *testing.T) {
	ctx := browser(t)
	cfg := territory(t)
	dir := filepath.Dir(cfg)
	s := serveTerritory(t, cfg, nil)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL())); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the first PDF", func() bool { return text(t, ctx, "#pages") != "" })

	const (
		name   = `<script>window.pwned=3</script><img src=x onerror=window.pwned=4>`
		sigle  = `"><img src=x onerror=window.pwned=1>`
		called = `</li><img src=x onerror=window.pwned=2><li>`
	)
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	yaml := strings.Replace(string(b), `nom: "Communauté de communes de l'Exemple"`, `nom: '`+name+`'`, 1)
	if yaml == string(b) {
		t.Fatal("territory name not found in cls.yaml")
	}
	sigles := filepath.Join(dir, "sources", "sigles.xlsx")
	good, err := os.ReadFile(sigles)
	if err != nil {
		t.Fatal(err)
	}
	editWorkbook(t, sigles, func(f *excelize.File) error {
		for _, row := range []string{"5", "6"} {
			if err := f.SetCellValue("Sigles", "A"+row, sigle); err != nil {
				return err
			}
			if err := f.SetCellValue("Sigles", "B"+row, "Sigle piégé"); err != nil {
				return err
			}
		}
		return nil
	})
	os.WriteFile(filepath.Join(dir, "templates", "02-preambule.md"), []byte(`{{ template "`+called+`" }}`+"\n"), 0o644)
	os.WriteFile(cfg, []byte(yaml), 0o644)

	waitFor(t, "the sigle's error in the page", func() bool { return strings.Contains(text(t, ctx, "#etat"), sigle) })
	waitFor(t, "the new name in the heading", func() bool { return text(t, ctx, "#territoire") == name })
	screenshot(t, ctx, "5-hostile")
	// the sigles mended, the template's error comes
	os.WriteFile(sigles+".tmp", good, 0o644)
	os.Rename(sigles+".tmp", sigles)
	waitFor(t, "the template's error in the page", func() bool { return strings.Contains(text(t, ctx, "#etat"), called) })

	pwned, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.pwned !== undefined`))
	if err != nil || pwned {
		t.Errorf("a script of the sources ran (window.pwned set): %v", err)
	}
	images, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("img, script:not([src])").length`))
	if err != nil || images != 0 {
		t.Errorf("%d elements of the sources' texts in the page (%v)", images, err)
	}
	title, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`))
	if err != nil || !strings.HasPrefix(title, name) {
		t.Errorf("title %q, want the name as text (%v)", title, err)
	}
	// a reload takes the whole page from the server's template
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the reloaded page", func() bool { return strings.Contains(text(t, ctx, "#etat"), called) })
	pwned, _ = chromedp.Run(ctx, chromedp.Evaluate[bool](`window.pwned !== undefined`))
	images, _ = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("img, script:not([src])").length`))
	if pwned || images != 0 || text(t, ctx, "#territoire") != name {
		t.Errorf("reloaded: pwned %v, %d foreign elements, heading %q", pwned, images, text(t, ctx, "#territoire"))
	}
}

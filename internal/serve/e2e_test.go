package serve

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/contrat-local-sante/cls/internal/starter"
)

// chromium finds a Chromium or Chrome binary: CLS_CHROME, else the usual
// names on the PATH.
func chromium() string {
	if p := os.Getenv("CLS_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser starts a headless Chromium for the test, or skips it when
// there is none or it cannot start.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := chromium()
	if path == "" {
		t.Skip("no chromium or google-chrome binary: the end-to-end test of cls serve needs one (Debian: apt-get install chromium)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.WindowSize(1400, 1000))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to run as root in its sandbox
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Skipf("chromium (%s) cannot start here: %v", path, err)
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// text is the text of the first element matching sel, or "" when there
// is none yet.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector(`+strconv.Quote(sel)+`) || {}).innerText || ""`))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(s)
}

// screenshot saves the page for a human to look at.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(os.TempDir(), "serve-"+name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}

// The coordinator's round: the page shows the contract; a workbook saved
// with a duplicated sigle shows the error at its cell; the fix shows a
// new PDF; the version to sign is built from the page.
func TestEndToEndInChromium(t *testing.T) {
	ctx := browser(t)
	cfg := territory(t)
	dir := filepath.Dir(cfg)
	s := serveTerritory(t, cfg, nil)

	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL())); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the page count shown", func() bool { return text(t, ctx, "#pages") != "" })
	waitFor(t, "the territory named", func() bool { return text(t, ctx, "#territoire") == starter.DefaultName })
	if n, err := strconv.Atoi(text(t, ctx, "#pages")); err != nil || n < 5 {
		t.Fatalf("page count shown: %q", text(t, ctx, "#pages"))
	}
	first := text(t, ctx, "#sha256")
	if len(first) != 64 {
		t.Fatalf("SHA-256 shown: %q", first)
	}
	screenshot(t, ctx, "1-contrat")

	editWorkbook(t, filepath.Join(dir, "sources", "sigles.xlsx"), duplicateSigle)
	waitFor(t, "the located error in the page", func() bool { return strings.Contains(text(t, ctx, "#etat"), duplicateWhere) })
	if got := text(t, ctx, "#etat"); !strings.Contains(got, "sigle « ARS » défini deux fois") || !strings.Contains(got, "dernier contrat construit sans erreur") {
		t.Errorf("the page lacks the message or the last good PDF:\n%s", got)
	}
	if got := text(t, ctx, "#sha256"); got != first {
		t.Errorf("the last good PDF is no longer shown: %s", got)
	}
	screenshot(t, ctx, "2-erreur")

	editWorkbook(t, filepath.Join(dir, "sources", "sigles.xlsx"), removeRow5)
	text2 := filepath.Join(dir, "templates", "02-preambule.md")
	b, _ := os.ReadFile(text2)
	os.WriteFile(text2, append(b, "\nUne phrase ajoutée pendant le test.\n"...), 0o644)
	var second string
	waitFor(t, "the error gone and a new SHA-256", func() bool {
		second = text(t, ctx, "#sha256")
		return !strings.Contains(text(t, ctx, "#etat"), "Erreurs") && second != first && len(second) == 64
	})
	code, pdf := get(t, s, "/contrat.pdf")
	if code != 200 || sum(pdf) != second {
		t.Errorf("/contrat.pdf serves %s, the page shows %s", sum(pdf), second)
	}
	waitFor(t, "the frame showing the new PDF", func() bool {
		src, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("pdf").getAttribute("src")`))
		return err == nil && strings.Contains(src, second[:16])
	})
	screenshot(t, ctx, "3-corrige")

	// an action from the page itself: the browser's Origin and the token
	// pass the server's checks
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form[action="/actions/construire"] button`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the build's result", func() bool {
		return strings.Contains(text(t, ctx, "#resultats"), "Contrat écrit : output/contrat-local-de-sante.pdf")
	})
	if _, err := os.Stat(filepath.Join(dir, "output", "contrat-local-de-sante.pdf.sha256")); err != nil {
		t.Errorf("the build to sign wrote no .sha256: %v", err)
	}
	screenshot(t, ctx, "4-action")
}

// A coordinator's first start, away from any territory: the welcome
// page, the territory's name typed, « Créer le territoire », then the new
// territory's page with its contract.
func TestWelcomeInChromium(t *testing.T) {
	ctx := browser(t)
	home := t.TempDir()
	s := serveConfig(t, Config{Home: home})

	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL())); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "#titre-creer"); got != "Créer un nouveau territoire" {
		t.Fatalf("welcome page: %q", got)
	}
	// a refusal first: a folder name that leads elsewhere
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#nom"), "Communauté de communes de la Touques"),
		chromedp.SendKeys(chromedp.CSS("#dossier"), "../ailleurs"),
		chromedp.Click(chromedp.CSS(`form[action="/accueil/creer"] button`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the refusal", func() bool { return strings.Contains(text(t, ctx, "#erreur"), "impossible") })
	screenshot(t, ctx, "5-accueil-refus")
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("dossier").value = ""; true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form[action="/accueil/creer"] button`)),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the new territory's page count", func() bool { return text(t, ctx, "#pages") != "" })
	waitFor(t, "the new territory named", func() bool {
		return text(t, ctx, "#territoire") == "Communauté de communes de la Touques"
	})
	if n, err := strconv.Atoi(text(t, ctx, "#pages")); err != nil || n < 5 {
		t.Fatalf("page count shown: %q", text(t, ctx, "#pages"))
	}
	if _, err := os.Stat(filepath.Join(home, "communaute-de-communes-de-la-touques", "cls.yaml")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(home, "..", "ailleurs")); err == nil {
		t.Error("the refused folder was written")
	}
	screenshot(t, ctx, "6-accueil-cree")
}

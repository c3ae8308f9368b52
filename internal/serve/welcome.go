package serve

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/contrat-local-sante/cls/internal/pipeline"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/starter"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// The welcome page is what cls, started without arguments where there is
// no cls.yaml, serves: a coordinator who double-clicked the program in an
// empty folder would otherwise face the command help and have to type
// « cls init ». It creates a territory (as cls init does) or opens one of
// the territory folders found in its folder; either way the same server
// then serves that territory's page, once and for good.

// welcomeTemplate is the welcome page, parsed when first served.
var welcomeTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.ParseFS(assets, "assets/welcome.html"))
})

// maxListed bounds the territory folders the welcome page lists.
const maxListed = 200

// maxFolderName bounds a folder name typed in the form, well under what
// every system accepts.
const maxFolderName = 100

// welcomeView is what the welcome page shows.
type welcomeView struct {
	Token, TokenField string
	// Home is the folder where territories are created and looked for,
	// as the coordinator knows it.
	Home        string
	Name        string
	Folder      string
	Error       string
	Territories []foundView
	More        int
}

// foundView is one territory folder found: its number in the server's
// list, which is all an « Ouvrir » button sends, and its name.
type foundView struct {
	Index int
	Name  string
}

// welcoming reports whether the server still waits for its territory.
func (s *Server) welcoming() bool {
	if s.chosen == nil {
		return false
	}
	select {
	case <-s.chosen:
		return false
	default:
		return true
	}
}

// found lists the territory folders directly under the welcome folder,
// as « cls build --all » finds them; none when there is none or the
// folder cannot be read.
func (s *Server) found() []string {
	list, err := pipeline.Territories(s.home)
	if err != nil {
		return nil
	}
	var dirs []string
	for _, t := range list {
		if t.Skip == "" {
			dirs = append(dirs, t.Dir)
		}
	}
	return dirs
}

// routeWelcome serves the requests made while no territory is open: the
// welcome page, its assets and its two forms. Everything else waits for a
// territory.
func (s *Server) routeWelcome(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case r.Method == http.MethodPost && p == "/accueil/creer":
		s.create(w, r)
	case r.Method == http.MethodPost && p == "/accueil/ouvrir":
		s.openFound(w, r)
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		w.Header().Set("Allow", "GET, HEAD")
		refuse(w, http.StatusMethodNotAllowed, "Aucun territoire n'est ouvert : créez-en un ou ouvrez-en un depuis la page "+s.URL()+".")
	case p == "/":
		s.welcomePage(w, http.StatusOK, welcomeView{})
	case strings.HasPrefix(p, "/static/"):
		s.asset(w, r, strings.TrimPrefix(p, "/static/"))
	default:
		refuse(w, http.StatusNotFound, "Aucun territoire n'est ouvert : créez-en un ou ouvrez-en un depuis la page "+s.URL()+".")
	}
}

// welcomePage writes the welcome page with the form as v holds it.
func (s *Server) welcomePage(w http.ResponseWriter, code int, v welcomeView) {
	v.Token, v.TokenField, v.Home = s.token, tokenField, s.home
	dirs := s.found()
	for i, d := range dirs {
		if i == maxListed {
			v.More = len(dirs) - maxListed
			break
		}
		v.Territories = append(v.Territories, foundView{Index: i, Name: textnorm.Escape(filepath.Base(d))})
	}
	var b bytes.Buffer
	if err := welcomeTemplate().Execute(&b, v); err != nil {
		refuse(w, http.StatusInternalServerError, "Erreur interne : page d'accueil impossible à écrire ("+err.Error()+").")
		return
	}
	w.Header().Set("Content-Security-Policy", pageCSP)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(b.Bytes())
}

// create is the form « Créer le territoire »: what « cls init DOSSIER
// --territoire NOM » does, in a folder of the welcome folder, then that
// territory's page. A refusal writes nothing and shows the form again
// with what to do.
func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	if !s.checkPost(w, r) {
		return
	}
	v := welcomeView{Name: r.PostFormValue("nom"), Folder: r.PostFormValue("dossier")}
	name := strings.TrimSpace(textnorm.Clean(v.Name))
	folder := strings.TrimSpace(v.Folder)
	if folder == "" {
		folder = slug(name)
	}
	if name == "" {
		v.Error = "Indiquez le nom du territoire, par exemple « Communauté de communes du Pays d'Exemple »."
		s.welcomePage(w, http.StatusBadRequest, v)
		return
	}
	if why := badFolderName(folder); why != "" {
		v.Error = "Nom de dossier « " + textnorm.Escape(folder) + " » impossible : " + why + " ; attendu un simple nom, par exemple « " + slug(name) + " »."
		s.welcomePage(w, http.StatusBadRequest, v)
		return
	}
	s.choosing.Lock()
	defer s.choosing.Unlock()
	if !s.welcoming() {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	dir := filepath.Join(s.home, folder)
	if _, err := starter.Write(dir, name); err != nil {
		v.Error = createError(err, folder)
		s.welcomePage(w, http.StatusConflict, v)
		return
	}
	fmt.Fprintf(s.out, "Territoire créé dans %s.\n", textnorm.Escape(dir))
	s.choose(filepath.Join(dir, "cls.yaml"))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// createError is what the welcome page says when starter.Write refused:
// the reason, and what to do.
func createError(err error, folder string) string {
	msg := err.Error()
	switch {
	case errors.Is(err, starter.ErrNotEmpty):
		return "Le dossier « " + textnorm.Escape(folder) + " » existe déjà et n'est pas vide : rien n'a été écrit. Choisissez un autre nom de dossier, ou, s'il s'agit d'un territoire, ouvrez-le dans la liste ci-dessous."
	case strings.HasPrefix(msg, "--territoire : "):
		return "Nom du territoire : " + strings.TrimPrefix(msg, "--territoire : ") + "."
	case errors.Is(err, os.ErrPermission) || strings.Contains(msg, safefile.Cause(os.ErrPermission)):
		return "Création impossible : " + msg + ". Ce dossier n'accepte pas d'écriture : déplacez le programme dans un dossier à vous (Documents, par exemple), puis relancez-le."
	}
	return "Création impossible : " + msg + ". Rien n'a été gardé ; choisissez un autre nom de dossier, ou déplacez le programme dans un dossier à vous (Documents, par exemple)."
}

// openFound is an « Ouvrir » button: the territory folder of that
// number in the server's own list; no path comes from the request.
func (s *Server) openFound(w http.ResponseWriter, r *http.Request) {
	if !s.checkPost(w, r) {
		return
	}
	i, err := strconv.Atoi(r.PostFormValue("numero"))
	dirs := s.found()
	if err != nil || i < 0 || i >= len(dirs) || i >= maxListed {
		s.welcomePage(w, http.StatusBadRequest, welcomeView{Error: "Ce territoire n'est plus dans le dossier : la liste ci-dessous est à jour, choisissez-y le territoire à ouvrir."})
		return
	}
	s.choosing.Lock()
	defer s.choosing.Unlock()
	if s.welcoming() {
		fmt.Fprintf(s.out, "Territoire ouvert : %s.\n", textnorm.Escape(dirs[i]))
		s.choose(filepath.Join(dirs[i], "cls.yaml"))
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// choose makes cfg the server's territory, once: the watcher, which
// waits for it, starts building. Called with s.choosing held.
func (s *Server) choose(cfg string) {
	s.opt.Config = cfg
	s.mu.Lock()
	s.st.gen++
	s.mu.Unlock()
	close(s.chosen)
}

// badFolderName says why name cannot be a folder created beside the
// others, or "" when it can: one plain name, which no system refuses and
// which cannot lead out of the welcome folder.
func badFolderName(name string) string {
	switch {
	case name == "." || name == "..":
		return "ce nom désigne un dossier existant"
	case strings.ContainsAny(name, `/\:*?"<>|`):
		return `les caractères / \ : * ? " < > | sont refusés par Windows ou désignent un autre dossier`
	case strings.HasPrefix(name, "."):
		return "un nom qui commence par un point est caché"
	case windowsReserved(name):
		return "Windows réserve ce nom à un périphérique"
	case strings.HasSuffix(name, " ") || strings.HasSuffix(name, "."):
		return "Windows refuse un nom qui finit par une espace ou un point"
	case utf8.RuneCountInString(name) > maxFolderName:
		return fmt.Sprintf("%d caractères, %d au plus", utf8.RuneCountInString(name), maxFolderName)
	case !utf8.ValidString(name) || strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "il contient un caractère invisible"
	}
	return ""
}

// windowsReserved reports whether Windows takes name, whatever its
// extension, for a device (CON, NUL, COM1…).
func windowsReserved(name string) bool {
	base, _, _ := strings.Cut(strings.ToUpper(name), ".")
	switch strings.TrimRight(base, " ") {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) && base[3] >= '1' && base[3] <= '9'
}

// slug is the folder name offered for a territory's name, made as the
// output's file names are (« Communauté de communes du Lisieux » →
// communaute-de-communes-du-lisieux), at most maxFolderName bytes.
func slug(s string) string {
	out := textnorm.Slug(s)
	if len(out) > maxFolderName {
		out = strings.TrimRight(out[:maxFolderName], "-")
	}
	if out == "" {
		return "territoire"
	}
	return out
}

// Package serve is « cls serve »: a local web page, in French, for the
// coordinator of one territory. It rebuilds the contract in memory on
// every save of a workbook, a template or cls.yaml, shows the problems at
// their cell or line beside the last good PDF, and runs on request what
// writes files (the version to sign, an avenant, the evaluation). It
// binds to the loopback interface unless told otherwise, answers only
// requests addressed to it, and accepts actions only from its own page.
package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/contrat-local-sante/cls/internal/pipeline"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// DefaultAddr is where the page is served unless --adresse says
// otherwise: the loopback interface, unreachable from the network.
const DefaultAddr = "127.0.0.1:8080"

// Config is what a server serves and how.
type Config struct {
	// Options are the shared flags of cls: cls.yaml, the folders, --set.
	Options pipeline.Options
	// Addr is host:port to listen on; DefaultAddr when empty. Port 0
	// takes any free port.
	Addr string
	// Maker builds the preview; pipeline.Make when nil.
	Maker Maker
	// Stdout receives the address served, Stderr the warnings.
	Stdout, Stderr io.Writer
	// Open, when set, is called with the page's address once it is
	// served: it opens the browser.
	Open func(url string)
	// Home, when set, makes a welcome server: no territory yet, a page
	// that creates one in Home or opens one found there (welcome.go).
	// Options.Config is then ignored until the coordinator chooses.
	Home string
}

// Server is one territory's page.
type Server struct {
	opt   pipeline.Options
	maker Maker
	out   io.Writer
	errw  io.Writer
	open  func(string)
	token string

	// addr is the address served, hosts the Host headers accepted (see
	// security.go).
	addr  string
	hosts map[string]bool
	// anyIPPort, for an unspecified address (0.0.0.0), is the port on
	// which any IP address is accepted as Host.
	anyIPPort string

	mu sync.Mutex
	st state
	// acting serialises the actions: two builds to sign at once would
	// only take turns on the output's lock.
	acting sync.Mutex
	// actions are the page's actions (actionsOf); tests replace some.
	actions map[string]func(*http.Request) *result

	// home is the welcome folder, and chosen, closed once the territory
	// is chosen, is nil for a server started on its territory.
	// choosing serialises the welcome page's forms.
	home     string
	chosen   chan struct{}
	choosing sync.Mutex
}

// New prepares a server; nothing is read or served until Serve.
func New(cfg Config) (*Server, error) {
	token, err := newToken()
	if err != nil {
		return nil, err
	}
	s := &Server{opt: cfg.Options, maker: cfg.Maker, out: cfg.Stdout, errw: cfg.Stderr, open: cfg.Open, token: token}
	if s.maker == nil {
		s.maker = defaultMaker()
	}
	if s.out == nil {
		s.out = io.Discard
	}
	if s.errw == nil {
		s.errw = io.Discard
	}
	if s.opt.Config == "" {
		s.opt.Config = "cls.yaml"
	}
	s.st.gen = 1
	if cfg.Home != "" {
		s.home, s.chosen = cfg.Home, make(chan struct{})
	}
	s.actions = actionsOf(s)
	return s, nil
}

// newToken is the per-process secret every action must carry: a page of
// another site cannot read it, so it cannot forge an action.
func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("jeton de sécurité impossible à tirer au hasard (%v)", err)
	}
	return hex.EncodeToString(b), nil
}

// Listen opens addr (DefaultAddr when empty). A port already taken is
// replaced by a free one, said on Stdout; an address off the loopback
// interface, which only an explicit --adresse gives, is served with a
// warning on Stderr.
func (s *Server) Listen(addr string) (net.Listener, error) {
	if addr == "" {
		addr = DefaultAddr
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("--adresse « %s » : %s ; attendu hôte:port, par exemple 127.0.0.1:8080", addr, "adresse illisible")
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return nil, fmt.Errorf("--adresse « %s » : port « %s » impossible ; attendu un nombre de 1 à 65535 (0 : n'importe quel port libre), par exemple 127.0.0.1:8080", addr, port)
	}
	if host == "" {
		// net.Listen would take every interface: the network included
		return nil, fmt.Errorf("--adresse « %s » : hôte manquant ; attendu par exemple 127.0.0.1:%s (0.0.0.0:%s pour le réseau)", addr, port, port)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil && port != "0" {
		// most often the port is taken (another page still open): any
		// free port does, and the address line says which
		if other, err2 := net.Listen("tcp", net.JoinHostPort(host, "0")); err2 == nil {
			fmt.Fprintf(s.out, "Le port %s n'est pas libre ; un autre port est utilisé.\n", port)
			ln, err = other, nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("--adresse « %s » : impossible d'écouter à cette adresse (%v) ; attendu une adresse de cette machine et un port libre, par exemple 127.0.0.1:8080", addr, err)
	}
	s.setAddr(host, ln.Addr().(*net.TCPAddr).Port)
	if !loopback(host) {
		fmt.Fprintf(s.errw, "attention : la page est servie sur %s, accessible depuis le réseau : toute personne qui l'atteint voit le contrat et peut lancer les constructions. Sans --adresse, elle n'est servie que sur cette machine (127.0.0.1).\n", s.addr)
	}
	return ln, nil
}

// URL is the page's address, once Listen has chosen it.
func (s *Server) URL() string { return "http://" + s.addr + "/" }

// Serve serves the page on ln and rebuilds the contract as its files
// change, until ctx ends.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       30 * time.Second,
		MaxHeaderBytes:    32 << 10,
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if s.chosen != nil {
			select {
			case <-ctx.Done():
				return
			case <-s.chosen:
			}
		}
		s.watch(ctx)
	}()
	if s.chosen != nil {
		fmt.Fprintf(s.out, "Aucun fichier cls.yaml ici : la page d'accueil crée un nouveau territoire dans %s, ou ouvre l'un de ceux qu'il contient. (cls --help : les commandes.)\n", textnorm.Escape(s.home))
	}
	fmt.Fprintf(s.out, "Page du contrat : %s\nLaissez cette fenêtre ouverte pendant le travail ; Ctrl+C (ou fermer la fenêtre) arrête la page.\n", s.URL())
	if s.open != nil {
		s.open(s.URL())
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(limitConns(ln, maxConns)) }()
	var err error
	select {
	case <-ctx.Done():
		if what := s.actingNow(); what != "" {
			fmt.Fprintf(s.out, "Arrêt demandé : l'action en cours (%s) se termine d'abord, pour ne laisser aucun fichier à moitié écrit. Ctrl+C à nouveau l'interrompt.\n", what)
		}
		shut, stop := context.WithTimeout(context.Background(), shutdownWait)
		defer stop()
		hs.Shutdown(shut)
	case err = <-errc:
		cancel()
	}
	// an action still running after the shutdown's wait (a long build to
	// sign) ends before Serve returns: the process would otherwise end in
	// the middle of it, leaving its temporary file and lock behind. Held
	// from now on, the lock refuses any action a late request would start.
	s.acting.Lock()
	wg.Wait()
	if err == nil {
		fmt.Fprintln(s.out, "Page arrêtée.")
	}
	return err
}

// shutdownWait is how long Serve waits for the requests under way when
// it is asked to stop; tests shorten it.
var shutdownWait = 5 * time.Second

// actingNow names the action running, if any.
func (s *Server) actingNow() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.acting
}

// Run listens on cfg.Addr and serves until ctx ends. A territory without
// cls.yaml is refused at once: there would be nothing to show. A cls.yaml
// that breaks later is shown in the page, as any other error.
func Run(ctx context.Context, cfg Config) error {
	s, err := New(cfg)
	if err != nil {
		return err
	}
	if _, err := os.Stat(s.opt.Config); err != nil && s.chosen == nil {
		return fmt.Errorf("%s : introuvable ; attendu le fichier cls.yaml du territoire : lancez cls dans le dossier du territoire, ou indiquez-le avec --config", s.opt.Config)
	}
	ln, err := s.Listen(cfg.Addr)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// territoryDir is the folder of cls.yaml.
func (s *Server) territoryDir() string {
	abs, err := filepath.Abs(s.opt.Config)
	if err != nil {
		return filepath.Dir(s.opt.Config)
	}
	return filepath.Dir(abs)
}

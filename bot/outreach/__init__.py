"""Tools for outreach teams: campaign links, QR codes and printable flyers."""

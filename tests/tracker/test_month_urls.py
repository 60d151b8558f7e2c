"""A month in an address: the first and last years there are cannot be reviewed (their
neighbouring months do not exist), so they answer 404 rather than failing."""

import pytest


@pytest.mark.parametrize("suffix", ["", "progress/"])
@pytest.mark.parametrize("month", ["0000-01", "0001-01", "9999-12"])
def test_a_month_at_the_edge_of_the_calendar_is_not_found(client_for, manager, home, month, suffix):
    response = client_for(manager).get(f"/homes/{home.pk}/reviews/{month}/{suffix}")
    assert response.status_code == 404


def test_an_ordinary_month_in_the_address_is_found(client_for, manager, home):
    assert client_for(manager).get(f"/homes/{home.pk}/reviews/2020-02/").status_code == 200
